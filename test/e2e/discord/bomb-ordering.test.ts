// A bomb sent in a server does not stop another member's scan: the other member's answer arrives while
// the bomb is still being read. An ordering, not a timing: the bomb's read is held open (as a file that
// keeps a worker busy until the cage kills it) until the other member has been answered; then it is read
// by the real cage, refused with its code, and its sender answered privately.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeChannel, FakeGuild, FakeUser } from "../../fakes/discord/index.ts";
import { BOMB, heldBombExtractor } from "../../hostile/held-bomb.ts";
import { newWorld, pdfFile, person, scanPdf, serverMember } from "./harness.ts";

const { extractor, caged: bombIsCaged, letGo: letBombGo } = heldBombExtractor();

let world: Awaited<ReturnType<typeof newWorld>>;
let guild: FakeGuild;
let channel: FakeChannel;

beforeAll(async () => {
  world = await newWorld({ extractor });
  const owner = world.fake.addUser({ username: "owner", globalName: "Owner" });
  guild = world.fake.addGuild({ name: "Bomb Range", ownerId: owner });
  channel = world.fake.addChannel({ guild, name: "scans" });
});

afterAll(async () => {
  letBombGo();
  await world?.close();
});

const member = (username: string, globalName: string): FakeUser =>
  serverMember(world.fake, guild, username, globalName);

const scan = (user: FakeUser, bytes: Uint8Array) =>
  world.fake.slashCommand({
    channel,
    user,
    name: "scan",
    options: { file: pdfFile(bytes) },
    requireRegistered: true,
  });

describe("a bomb while another member scans", () => {
  it("answers the other member while the bomb is still caged, then refuses the bomb", async () => {
    const bomber = member("bomber", "Bo Mber");
    const other = member("ivy", "Ivy Stone");
    const bombing = scan(bomber, BOMB);
    await bombIsCaged;

    const scanning = scan(other, await scanPdf(person("Ivy Stone")));
    const answer = await scanning.reply(30_000);
    expect(answer.content).toContain("Your first scan is in");
    // the bomb is still being read: its sender has the "thinking…" defer and nothing else
    expect(bombing.responses.map((r) => r.kind)).toEqual(["callback"]);

    letBombGo();
    const refused = await bombing.reply(30_000);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain("Nothing was added to your history");
  }, 90_000);
});

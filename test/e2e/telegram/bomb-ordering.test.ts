// A bomb sent in a group does not stop another member's scan, nor the bomber's neighbours' commands: their
// answers arrive while the bomb is still being read. An ordering, not a timing: the bomb's read is held open
// (as a file that keeps a worker busy until the cage kills it) until the others have been answered; then it
// is read by the real cage, refused with its code, and its sender told. The bomber's own next command waits
// behind their bomb (their updates stay in order).
import { describe, expect, it } from "vitest";
import { BOMB, heldBombExtractor } from "../../hostile/held-bomb.ts";
import { PDF, person, scanPdf, useTelegramWorld } from "./harness.ts";

const { extractor, caged: bombIsCaged, letGo: letBombGo } = heldBombExtractor();

const world = useTelegramWorld({ core: { extractor } });

describe("a bomb in a group while another member scans", () => {
  it("answers the others while the bomb is still caged, then refuses the bomb to its sender", async () => {
    const { tg } = world;
    const bomber = tg.createUser({ firstName: "Bo" });
    const ivy = tg.createUser({ firstName: "Ivy" });
    const max = tg.createUser({ firstName: "Max" });
    const group = tg.createGroup({ title: "Bomb Range", members: [bomber, ivy, max] });
    for (const user of [bomber, ivy]) {
      tg.sendText({ from: user, text: "/start" });
      await tg.nextMessage({ chat: tg.privateChat(user) });
    }
    // what is said to the bomber: privately, or in the group in answer to their bomb
    let bombMessageId = -1;
    const toBomber = () =>
      tg.sent.filter(
        (s) =>
          s.chatId === tg.privateChat(bomber).id || (s.chatId === group.id && s.replyTo === bombMessageId),
      );
    const greeted = toBomber().length;

    const bombing = tg.sendDocument({
      chat: group,
      from: bomber,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: BOMB,
      caption: `my scan @${tg.bot.username}`,
    });
    bombMessageId = bombing.message.message_id;
    await bombIsCaged;
    const bomberAsks = tg.sendText({ from: bomber, text: "/progress" });

    tg.sendDocument({
      chat: group,
      from: ivy,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("IVY STONE", { sex: "female" })),
    });
    const ivyAnswer = await tg.nextMessage({
      chat: tg.privateChat(ivy),
      method: "sendPhoto",
      timeoutMs: 30_000,
    });
    expect(ivyAnswer.plainText).toContain("Your first scan is in");
    const asked = tg.sendText({ chat: group, from: max, text: "/leaderboard" });
    await tg.waitUntilHandled(asked.update, 30_000);
    expect(tg.sent.some((s) => s.chatId === group.id && s.seq > ivyAnswer.seq)).toBe(true);

    // the bomb is still being read: nothing has been said to its sender, and their /progress waits
    expect(toBomber()).toHaveLength(greeted);

    letBombGo();
    await tg.waitUntilHandled(bombing.update, 60_000);
    await tg.waitUntilHandled(bomberAsks.update, 30_000);
    const told = toBomber()
      .slice(greeted)
      .map((s) => s.plainText ?? "");
    expect(told.some((t) => /Nothing was added to your history/.test(t))).toBe(true);
    // the refusal came before the answer to the /progress the bomber sent after it
    const refusedAt = told.findIndex((t) => /Nothing was added to your history/.test(t));
    const progressAt = told.findIndex((t) => /I don't have a scan from you yet/.test(t));
    expect(progressAt).toBeGreaterThan(refusedAt);
  }, 120_000);
});

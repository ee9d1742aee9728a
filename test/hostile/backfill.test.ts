// A backfill (`pump ingest`) with hostile files among real sheets, through the real cage and database: each
// hostile file costs its own verdict and is kept with its code; the sheets around it are read.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveMember } from "../../src/db/queries/people.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { useTestCore } from "../support/core.ts";
import { flate, onePage, stream, writePdf, zeroBomb } from "./pdf-writer.ts";

const sheet = (name: string) => new Uint8Array(readFileSync(join(SCANS_DIR, `${name}.pdf`)));

describe("a backfill with hostile files in it", () => {
  const t = useTestCore({ realExtractor: true });

  it("reads the sheets, refuses each hostile file with its code and keeps every file", async () => {
    const member = await resolveMember(t.current.sql, { platform: "cli", userId: "ana", displayName: "Ana" });
    const files: [string, Uint8Array][] = [
      [
        "bomb.pdf",
        writePdf(
          onePage("", {
            extra: new Map([[9, stream("/Filter [/FlateDecode /FlateDecode]", flate(zeroBomb(4096)))]]),
          }),
        ),
      ],
      ["first.pdf", sheet("example-alex-metric")],
      ["nested.pdf", writePdf(onePage(`${"q ".repeat(100_000)}${" Q".repeat(100_000)}`))],
      ["second.pdf", sheet("followup-alex-4-weeks")],
      ["pages.pdf", sheet("too-many-pages")],
    ];
    const outcomes: string[] = [];
    await t.current.backfillScans(
      files.map(([fileName, bytes]) => ({
        bytes,
        fileName,
        mimeType: "application/pdf",
        platform: "cli",
        memberId: member.id,
        groupId: null,
      })),
      (outcome) => outcomes.push(outcome.kind === "rejected" ? outcome.code : outcome.kind),
    );
    expect(outcomes).toEqual(["too_large", "recorded", "too_large", "recorded", "too_large"]);
    const [kept] = await t.current.sql<
      { files: number }[]
    >`select count(*)::int as files from bronze.raw_files`;
    expect(kept!.files).toBe(5);
    const scans = await t.current.sql`select 1 from silver.scans where member_id = ${member.id}`;
    expect(scans).toHaveLength(2);
  });
});

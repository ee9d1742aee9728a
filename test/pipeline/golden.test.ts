// Golden run: fixture PDFs of three members in two groups go through the real ingest path (pdf.js
// extractor included); the published gold rows must be the ones the printed sheets imply.
import { describe, expect, it } from "vitest";
import type { ScanRecord } from "../../src/domain/scan-record.ts";
import { expectedRecord, renderScanPdf } from "../fixtures/evolt-sheet.ts";
import { followUp, makeScanSheet, type PersonInput } from "../fixtures/person.ts";
import { useTestCore } from "../support/core.ts";

const ana: PersonInput = {
  sex: "female",
  age: 29,
  heightCm: 166,
  weightKg: 68,
  bodyFatPct: 30,
  scannedAt: "2026-03-02T08:10",
  name: "ANA LIMA",
  seed: 1,
};
const ben: PersonInput = {
  sex: "male",
  age: 41,
  heightCm: 184,
  weightKg: 96,
  bodyFatPct: 27,
  scannedAt: "2026-03-03T18:20",
  name: "BEN OKAFOR",
  seed: 2,
};
const cy: PersonInput = {
  sex: "male",
  age: 25,
  heightCm: 175,
  weightKg: 72,
  bodyFatPct: 14,
  scannedAt: "2026-03-04T07:00",
  name: "CY DUBOIS",
  seed: 3,
};

const scansOf = (
  first: PersonInput,
  changes: { days: number; fatKgChange: number; leanKgChange: number }[],
) => {
  const people = [first];
  for (const change of changes) people.push(followUp(first, change));
  return people.map((p) => makeScanSheet(p));
};

const sheets = {
  ana: scansOf(ana, [
    { days: 28, fatKgChange: -1.6, leanKgChange: 0.2 },
    { days: 56, fatKgChange: -1.8, leanKgChange: 0.4 },
  ]),
  ben: scansOf(ben, [
    { days: 28, fatKgChange: -0.2, leanKgChange: 0.1 },
    { days: 56, fatKgChange: -2.4, leanKgChange: -0.3 },
  ]),
  cy: scansOf(cy, [{ days: 30, fatKgChange: 0.3, leanKgChange: 1.2 }]),
};

const groupA = { platform: "telegram", chatId: "-100", title: "Morning Crew" };
const groupB = { platform: "telegram", chatId: "-200", title: "Evening Crew" };
const actor = (id: string, name: string) => ({ platform: "telegram", userId: id, displayName: name });

describe("golden pipeline run on fixture PDFs", () => {
  const t = useTestCore({ realExtractor: true });
  const records: Record<string, ScanRecord[]> = {};

  it("ingests every sheet as an accepted scan", async () => {
    const plan: [keyof typeof sheets, ReturnType<typeof actor>, (typeof groupA)[]][] = [
      ["ana", actor("1", "Ana"), [groupA]],
      ["ben", actor("2", "Ben"), [groupA, groupB]],
      ["cy", actor("3", "Cy"), [groupB]],
    ];
    for (const [key, who, groups] of plan) {
      records[key] = sheets[key].map((s) => expectedRecord(s));
      for (const [i, sheet] of sheets[key].entries()) {
        const group = groups[i % groups.length]!;
        const outcome = await t.current.ingestScan({
          bytes: await renderScanPdf(sheet),
          fileName: `${key}-${i}.pdf`,
          mimeType: "application/pdf",
          platform: "telegram",
          sender: who,
          group,
          chatId: group.chatId,
          messageId: String(i),
        });
        expect(outcome.kind).toBe("accepted");
      }
      // memberships in every group of the plan, even where no scan was posted
      for (const group of groups) {
        const g = await t.current.sql`select id from app.groups where platform_chat_id = ${group.chatId}`;
        const m = await t.current
          .sql`select member_id from app.identities where platform_user_id = ${who.userId}`;
        await t.current
          .sql`insert into app.memberships (group_id, member_id) values (${g[0]!.id}, ${m[0]!.member_id}) on conflict do nothing`;
      }
    }
    await t.current.runPipeline([], true);
  });

  it("member_progress classes each change by the noise thresholds", async () => {
    const rows = await t.current.sql<{ scan_number: number; d: number; cls: string | null }[]>`
      select p.scan_number::int, p.body_fat_mass_kg_delta_prev as d, p.body_fat_mass_kg_class_prev as cls
      from gold.member_progress p join app.identities i on i.member_id = p.member_id
      where i.platform_user_id = '2' order by p.scan_number`;
    const fat = records.ben!.map((r) => r.metrics.body_fat_mass_kg!);
    expect(rows.map((r) => r.scan_number)).toEqual([1, 2, 3]);
    expect(rows[0]!.cls).toBeNull();
    expect(rows[1]!.d).toBeCloseTo(fat[1]! - fat[0]!, 6);
    expect(rows[1]!.cls).toBe("within_noise");
    expect(rows[2]!.d).toBeCloseTo(fat[2]! - fat[1]!, 6);
    expect(rows[2]!.cls).toBe("real");
  });

  it("ranks each group's members relative to their own start, and only the group's members", async () => {
    const board = async (chatId: string) =>
      t.current.sql<{ name: string; rank: number; score: number }[]>`
        select m.display_name as name, l.rank::int, l.score::float8 as score from gold.leaderboard l
        join app.groups g on g.id = l.group_id join app.members m on m.id = l.member_id
        where g.platform_chat_id = ${chatId} and l.period = 'all' and l.metric = 'fat_loss_pct' order by l.rank`;
    const fatLoss = (rs: ScanRecord[]) => {
      const f0 = rs[0]!.metrics.body_fat_mass_kg!;
      const f1 = rs[rs.length - 1]!.metrics.body_fat_mass_kg!;
      return Math.round(((100 * (f0 - f1)) / f0) * 100) / 100;
    };
    const a = await board("-100");
    // Ben lost 2.4 of 25.9 kg fat (9.3 %), Ana 1.8 of 20.4 kg (8.8 %): the lighter member is not favoured
    expect(fatLoss(records.ben!)).toBeGreaterThan(fatLoss(records.ana!));
    expect(a.map((r) => r.name)).toEqual(["Ben", "Ana"]);
    expect(a.map((r) => r.rank)).toEqual([1, 2]);
    expect(a[0]!.score).toBeCloseTo(fatLoss(records.ben!), 2);
    expect(a[1]!.score).toBeCloseTo(fatLoss(records.ana!), 2);
    const b = await board("-200");
    expect(b.map((r) => r.name).sort()).toEqual(["Ben", "Cy"]);
    expect(b.find((r) => r.name === "Cy")!.score).toBeCloseTo(fatLoss(records.cy!), 2);
  });

  it("mirrors each scan once per tab of the member's groups", async () => {
    const rows = await t.current.sql<{ tab: string; n: number }[]>`
      select tab, count(*)::int as n from gold.sheet_rows group by tab order by tab`;
    expect(rows).toEqual([
      { tab: expect.stringMatching(/^Evening Crew #\d+$/), n: 3 + 2 },
      { tab: expect.stringMatching(/^Morning Crew #\d+$/), n: 3 + 3 },
    ]);
  });

  it("a full refresh from bronze reproduces gold exactly", async () => {
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const model of t.current.pipeline.models) {
        out[model.relation] = await t.current.sql.unsafe(
          `select * from ${model.relation} order by 1, 2, 3, 4`,
        );
      }
      return out;
    };
    const incremental = await snapshot();
    await t.current.runPipeline([], true);
    expect(await snapshot()).toEqual(incremental);
  });
});

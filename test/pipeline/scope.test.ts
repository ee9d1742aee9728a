// The runner binds a run's scope at every source a model reads, whatever the model writes.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverModels } from "../../pipeline/models.ts";
import { bindSources, type SourceKeys, withParams } from "../../pipeline/scope.ts";

const keys: SourceKeys = new Map([
  ["silver.scans", { member: "member_id" }],
  ["app.memberships", { member: "member_id", group: "group_id" }],
  ["app.members", { member: "id" }],
  ["app.groups", { group: "id" }],
]);

describe("binding sources", () => {
  const model = `-- one row per scan; silver.scans in a comment stays
select s.scan_id, n.likely_at, 'silver.scans' as label
from silver.scans s
join app.memberships as ms on ms.member_id = s.member_id
left join app.members on members.id = s.member_id
cross join gold.metric_noise n
where exists (select 1 from silver.scans where scans.member_id = s.member_id)`;

  it("filters every keyed read by the members, keeping aliases, comments and strings as written", () => {
    const bound = bindSources(model, keys, { scope: "member_id" });
    expect(bound).toContain("from (select * from silver.scans where member_id = any({{members}})) s\n");
    expect(bound).toContain("join (select * from app.memberships where member_id = any({{members}})) ms on");
    expect(bound).toContain("left join (select * from app.members where id = any({{members}})) members on");
    expect(bound).toContain(
      "(select 1 from (select * from silver.scans where member_id = any({{members}})) scans where",
    );
    expect(bound).toContain("cross join gold.metric_noise n");
    expect(bound).toContain("-- one row per scan; silver.scans in a comment stays");
    expect(bound).toContain("'silver.scans' as label");
    const { text, params } = withParams(bound, { members: [7], groups: [3] });
    expect(text).toContain("any($1::bigint[])");
    expect(params).toEqual([[7]]);
  });

  it("filters a group run by the groups where a source has them, and by the groups' members otherwise", () => {
    const bound = bindSources(model, keys, { scope: "group_id" });
    expect(bound).toContain("(select * from app.memberships where group_id = any({{groups}})) ms");
    expect(bound).toContain("(select * from silver.scans where member_id = any({{members}})) s");
    const { text, params } = withParams(bound, { members: [7, 8], groups: [3] });
    expect(text).toMatch(/any\(\$1::bigint\[\]\).*any\(\$2::bigint\[\]\)/s);
    expect(params).toEqual([[7, 8], [3]]);
  });

  it("reads a build's tables when asked, unscoped on a full refresh", () => {
    const bound = bindSources(model, keys, {
      scope: null,
      rename: (r) => (r.startsWith("silver.") || r.startsWith("gold.") ? `${r}__next` : undefined),
    });
    expect(bound).toContain("from silver.scans__next s\n");
    expect(bound).toContain("cross join gold.metric_noise__next n");
    expect(bound).toContain("(select 1 from silver.scans__next scans where");
    expect(bound).toContain("join app.memberships as ms on");
  });
});

describe("the model contract", () => {
  it("refuses a model that does not say how it is refreshed", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pump-models-"));
    for (const schema of ["silver", "gold"]) mkdirSync(path.join(dir, schema));
    writeFileSync(path.join(dir, "gold", "loose.sql"), "-- one row per member\nselect 1 as member_id");
    expect(() => discoverModels(dir)).toThrow(/gold\/loose\.sql must declare how it is refreshed/);
  });

  it("marks what reads the clock, and what reads such a model, as clock-dependent", () => {
    const clocked = discoverModels()
      .filter((m) => m.clockDependent)
      .map((m) => m.relation);
    expect(clocked).toEqual(expect.arrayContaining(["gold.leaderboard", "gold.weekly_activity"]));
    expect(clocked).not.toContain("gold.member_progress");
  });
});

import { describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.ts";
import { useTestDatabase } from "../support/test-db.ts";

describe("migrations", () => {
  const t = useTestDatabase({ migrate: false });

  it("apply to an empty database, twice without harm, and create the app and bronze tables", async () => {
    const { sql } = t.current;
    await migrate(sql);
    await migrate(sql);
    const tables = await sql<{ name: string }[]>`
      select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema in ('app', 'bronze') order by 1`;
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "app.members",
        "app.identities",
        "app.groups",
        "app.memberships",
        "bronze.raw_files",
        "bronze.scan_reports",
      ]),
    );
  });

  it("make the same file of a member, or the same printed scan of a member, impossible to store twice", async () => {
    const { sql } = t.current;
    const [member] = await sql<
      { id: number }[]
    >`insert into app.members (display_name) values ('A') returning id`;
    await sql`insert into bronze.raw_files (sha256, bytes, size_bytes) values ('f1', '\\x00', 1), ('f2', '\\x01', 1)`;
    const report = (sha: string, scannedAt: string) => sql`
      insert into bronze.scan_reports (raw_sha256, member_id, parser_version, status, scanned_at, source_platform)
      values (${sha}, ${member!.id}, '1.0.0', 'accepted', ${scannedAt}, 'cli')`;
    await report("f1", "2026-03-14T07:35");
    await expect(report("f1", "2026-04-14T07:35")).rejects.toThrow(/scan_reports_file_once_per_member/);
    await expect(report("f2", "2026-03-14T07:35")).rejects.toThrow(/scan_reports_scan_once/);
  });
});

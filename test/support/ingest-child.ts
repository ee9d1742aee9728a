// A separate process that ingests one canonical record through the real core on the given database and
// prints the outcome as one JSON line: the other process in tests of what two processes do at once.
// usage: node --import tsx test/support/ingest-child.ts <database url> <json IngestInput fields>
import { buildCore } from "../../src/compose-core.ts";
import { connect } from "../../src/db/client.ts";
import { createLogger } from "../../src/log.ts";
import { makeRecord, type PersonAt, recordBytes, recordExtractor } from "./records.ts";

const [url, spec] = process.argv.slice(2);
const input = JSON.parse(spec!) as {
  record: PersonAt;
  sender: { platform: string; userId: string; displayName: string };
  group: { platform: string; chatId: string; title: string };
};
const { sql } = connect(url!, 4);
const core = await buildCore(
  { sql, url: url!, close: async () => {} },
  { defaultTimeZone: "UTC" },
  createLogger("silent"),
  { extractor: recordExtractor(), now: () => new Date("2026-06-01T12:00:00Z") },
  { readOnly: true },
);
const outcome = await core.ingestScan({
  bytes: recordBytes(makeRecord(input.record)),
  fileName: null,
  mimeType: null,
  platform: input.sender.platform,
  sender: input.sender,
  group: input.group,
});
console.log(JSON.stringify({ kind: outcome.kind, memberId: outcome.memberId }));
await core.close();
await sql.end({ timeout: 5 });

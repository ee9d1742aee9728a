// `npm run bench:producers`: how well the reader reads sheets drawn by three independent PDF producers.
// Per style, 60 random members (a third imperial, about half female, optional parts missing now and then)
// in random variants of the style, plus 6 files the reader must refuse. Prints % of fields right, sheets
// read completely right, and refusals with the right code. "handmade" is held out: never tuned on in tests.
// Targets on an unseen producer: ≥ 99.5 % of fields, ≥ 58 of 60 sheets, every refusal with its code.
import { loadavg } from "node:os";
import { type ScanRecord, ScanRejectedError } from "../src/domain/scan-record.ts";
import { extractScan } from "../src/extract/extract-scan.ts";
import { producerCorpus, STYLES } from "../test/fixtures/producers.ts";
import { seededRandom } from "../test/fixtures/random.ts";

const SHEETS = Number(process.env.PRODUCER_SHEETS ?? 60);
const VERBOSE = process.argv.includes("--verbose");

/** Every leaf of the record (warnings as one leaf: their codes), with its path. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, `${path}.${key}`, out);
  } else out.set(path, value);
  return out;
}

function fieldsOf(record: ScanRecord): Map<string, unknown> {
  const { warnings, ...rest } = record;
  const map = leaves(rest, "", new Map());
  map.set(".warnings", warnings.map((warning) => warning.code).sort());
  return map;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

console.log(
  `producer bench: ${SHEETS} sheets + refusals per style (load average ${loadavg()[0]?.toFixed(1)})`,
);
console.log("");
console.log(
  `${"style".padEnd(10)} ${"fields right".padStart(14)} ${"sheets right".padStart(14)} ${"refusals right".padStart(16)}`,
);
for (const style of STYLES) {
  const corpus = await producerCorpus(style, {
    sheets: SHEETS,
    random: seededRandom(20261202 + style.length),
  });
  let fields = 0;
  let fieldsRight = 0;
  let sheets = 0;
  let sheetsRight = 0;
  let refusals = 0;
  let refusalsRight = 0;
  const notes: string[] = [];
  for (const file of corpus) {
    let record: ScanRecord | null = null;
    let code: string | null = null;
    try {
      record = await extractScan(file.bytes);
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      code = error.code;
    }
    if ("code" in file) {
      refusals++;
      if (code === file.code) refusalsRight++;
      else notes.push(`${file.name}: expected ${file.code}, got ${code ?? "a record"}`);
      continue;
    }
    sheets++;
    const expected = fieldsOf(file.expected);
    const actual = record ? fieldsOf(record) : new Map<string, unknown>();
    const wrong = [...expected]
      .filter(([path, value]) => !same(actual.get(path), value))
      .map(([path]) => path);
    fields += expected.size;
    fieldsRight += expected.size - wrong.length;
    if (wrong.length === 0) sheetsRight++;
    else
      notes.push(
        `${file.name}: ${code ? `refused ${code}` : wrong.slice(0, 6).join(", ")}${wrong.length > 6 ? ` (+${wrong.length - 6})` : ""}`,
      );
  }
  const pct = ((100 * fieldsRight) / Math.max(1, fields)).toFixed(2);
  console.log(
    `${style.padEnd(10)} ${`${pct} %`.padStart(14)} ${`${sheetsRight} / ${sheets}`.padStart(14)} ${`${refusalsRight} / ${refusals}`.padStart(16)}`,
  );
  for (const note of VERBOSE ? notes : notes.slice(0, 5)) console.log(`    ${note}`);
  if (!VERBOSE && notes.length > 5) console.log(`    … ${notes.length - 5} more (--verbose)`);
}

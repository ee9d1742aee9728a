// `npx tsx bench/ocr-diagnose.ts <family> [n…]`: why bench:ocr's images of a family lose fields. Draws
// the same images as bench/ocr.bench.ts (same seeds), reads them in this process and prints, per field the
// targets count, what the sheet prints, what the reader read from the OCR words, what was shown after
// settling, the OCR text it came from and how sure OCR was; for a refused page, the reader's failed rule
// and the OCR lines. Fixture values only: never run it on a member's image.
//   --lines   also print every OCR line of each image
//   --phrases print the reader's phrases (OCR runs merged into lines, in points) of each reading
//   --broken  print the sheet's relations the read breaks before settling
import { METRIC_KEYS, type ScanRecord, ScanRejectedError } from "../src/domain/scan-record.ts";
import { decodeImage } from "../src/extract/image/decode-image.ts";
import { renderPage } from "../src/extract/image/page-images.ts";
import { type PageReading, readPageImage } from "../src/extract/image/read-image.ts";
import { mergeRuns } from "../src/extract/layout.ts";
import { openPdf } from "../src/extract/pdf-text.ts";
import { consistencyWarnings } from "../src/extract/validate.ts";
import { randomSheet, type Style, sheetCase } from "../test/fixtures/producers.ts";
import { seededRandom } from "../test/fixtures/random.ts";
import {
  type ImageFamily,
  imageOnlyPdf,
  randomImageVariant,
  sheetImage,
} from "../test/fixtures/sheet-images.ts";

type Family = ImageFamily | "image-only-pdf";
const STYLES: Record<Family, Style[]> = {
  screenshot: ["template", "pdfkit"],
  phone: ["template", "pdfkit"],
  "held-out": ["handmade"],
  "faded-print": ["template", "pdfkit"],
  "image-only-pdf": ["template"],
};

const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const family = (args[0] ?? "phone") as Family;
const wanted = new Set(args.slice(1).map(Number));
const count = Math.max(8, ...wanted) + (wanted.size > 0 ? 1 : 0);
const SEED = Number(process.env.OCR_BENCH_SEED ?? 20261202);
const showLines = process.argv.includes("--lines");
const showPhrases = process.argv.includes("--phrases");
const showBroken = process.argv.includes("--broken");

/** field → [value in the record, name in the reader's trace] */
function fields(record: ScanRecord): [string, unknown, string][] {
  const traceName: Record<string, string> = {
    weight_kg: "header.weight",
    subcutaneous_fat_pct: "subcutaneous_fat_mass_kg",
    visceral_fat_pct: "visceral_fat_mass_kg",
    intracellular_fluid_pct: "intracellular_fluid_kg",
    extracellular_fluid_pct: "extracellular_fluid_kg",
  };
  return [
    ...METRIC_KEYS.map(
      (key) => [key, record.metrics[key], traceName[key] ?? key] as [string, unknown, string],
    ),
    ["scanned_at", record.scanned_at, "header.date"],
    ["sex", record.subject.sex, "header.gender"],
    ["age", record.subject.age, "header.age"],
    ["height_cm", record.subject.height_cm, "header.height"],
  ];
}

const same = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-6 : a === b;
const show = (value: unknown) => (value === null || value === undefined ? "·" : String(value));

const random = seededRandom(SEED + family.length * 7);
for (let n = 0; n < count; n++) {
  const styles = STYLES[family];
  const style = styles[n % styles.length] as Style;
  const sheet = sheetCase(style, randomSheet(random), random);
  const variant = randomImageVariant(family === "image-only-pdf" ? "phone" : family, random);
  // rendering and drawing draw nothing from `random`: an image not asked for is skipped
  if (wanted.size > 0 && !wanted.has(n)) continue;
  const pdf = await sheet.render();
  const image = await sheetImage(pdf, variant);
  const gray =
    family === "image-only-pdf"
      ? await (async () => {
          const doc = await openPdf(await imageOnlyPdf(image));
          try {
            return await renderPage(doc, 1);
          } finally {
            await doc.close();
          }
        })()
      : await decodeImage(image);
  const readings: PageReading[] = [];
  let record: ScanRecord | null = null;
  const started = performance.now();
  try {
    record = await readPageImage(gray, (reading) => readings.push(reading));
  } catch (error) {
    if (!(error instanceof ScanRejectedError)) throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n#${n} ${style} ${JSON.stringify(variant)} ${seconds} s`);
  for (const reading of readings) {
    if (!reading.read) {
      const words = reading.lines.reduce((sum, line) => sum + line.words.length, 0);
      console.log(
        `  refused: ${reading.trace.failure?.code} — ${reading.trace.failure?.rule} (${words} words)`,
      );
      for (const step of reading.trace.steps) console.log(`    ${step}`);
    }
    if (showPhrases) {
      for (const phrase of mergeRuns(reading.ocr.content.items))
        console.log(
          `    ~ ${phrase.x.toFixed(0)},${phrase.y.toFixed(0)} ${phrase.fontSize.toFixed(1)} "${phrase.text}"`,
        );
    }
    if (showLines || (!reading.read && !showPhrases)) {
      for (const line of reading.lines) {
        const text = line.words.map((word) => `${word.text}(${Math.round(word.confidence)})`).join(" ");
        console.log(`    | ${text}`);
      }
    }
  }
  const last = readings.at(-1);
  if (!record || !last?.read) continue;
  if (showBroken)
    console.log(
      `  broken before settling: ${consistencyWarnings(last.read, last.read.units.mass)
        .map((warning) => warning.code)
        .join(", ")}`,
    );
  const expected = new Map(fields(sheet.expected).map(([key, value]) => [key, value]));
  const read = new Map(fields(last.read).map(([key, value]) => [key, value]));
  let right = 0;
  for (const [key, value, traceName] of fields(record)) {
    const want = expected.get(key);
    if (same(value, want)) {
      right++;
      continue;
    }
    const item = last.trace.fields[traceName];
    const confidence = last.confidenceOf?.(last.trace, traceName);
    const verdict = value === null ? (same(read.get(key), want) ? "DROPPED" : "missing") : "WRONG";
    console.log(
      `  ${verdict.padEnd(8)} ${key.padEnd(28)} printed ${show(want).padEnd(18)} read ${show(read.get(key)).padEnd(18)} ocr "${item?.value?.text ?? item?.note ?? ""}" conf ${show(confidence === null || confidence === undefined ? null : Math.round(confidence))}`,
    );
  }
  console.log(`  ${right} of ${expected.size} right`);
}
process.exit(0);

// `npm run bench:ocr`: photos, screenshots and image-only PDFs of fixture sheets read through the real
// cage (the OCR pool's worker), per family: fields right / wrong (a value shown that differs from the
// sheet) / missing, over the 24 metrics, the date, sex, age and height; per-image time (p50, p95); the OCR
// worker's peak RSS; this process's RSS with both pools loaded (what the bot holds); and how a PDF read
// and the event loop fare while a photo is being read. OCR_BENCH_IMAGES sets the images per family,
// OCR_BENCH_SEED another draw (images never tuned on).
// Families: screenshot and phone on the template and pdfkit producers' sheets (tuned on), held-out = the
// handmade producer's sheets in a harsher photo mix (never tuned on), faded-print = photos of a sheet
// from a printer low on toner (grey ink; never tuned on), image-only PDF = a phone photo in a PDF. Targets: screenshots ≥ 99 % right; phone ≥ 95 % right and ≤ 0.5 % wrong; p95 ≤ 6 s on an idle
// 2-core machine; bot RSS ≤ 400 MB.
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type ScanRecord, ScanRejectedError } from "../src/domain/scan-record.ts";
import { cagedScanExtractor } from "../src/extract/scan-extractor.ts";
import { randomSheet, type Style, sheetCase } from "../test/fixtures/producers.ts";
import { seededRandom } from "../test/fixtures/random.ts";
import {
  type ImageFamily,
  imageOnlyPdf,
  randomImageVariant,
  sheetImage,
} from "../test/fixtures/sheet-images.ts";
import { type FieldTally, scoreFields } from "./ocr-fields.ts";
import { percentile } from "./percentile.ts";

const PER_FAMILY = Number(process.env.OCR_BENCH_IMAGES ?? 8);
/** another seed draws other sheets and other photos: the figures on images never tuned on */
const SEED = Number(process.env.OCR_BENCH_SEED ?? 20261202);
const VERBOSE = process.argv.includes("--verbose");

type Family = ImageFamily | "image-only-pdf";
const FAMILIES: { family: Family; styles: Style[] }[] = [
  { family: "screenshot", styles: ["template", "pdfkit"] },
  { family: "phone", styles: ["template", "pdfkit"] },
  { family: "held-out", styles: ["handmade"] },
  { family: "faded-print", styles: ["template", "pdfkit"] },
  { family: "image-only-pdf", styles: ["template"] },
];

let workerPeakKb = 0;
const extractor = cagedScanExtractor(
  { size: 1, whenFull: "wait" },
  { onCost: (cost) => (workerPeakKb = Math.max(workerPeakKb, cost.peakKb ?? 0)) },
);
await extractor.warmUp();
await extractor.ocrPool.warmUp();
// before this process draws any fixture: what the bot's process holds for both pools (they are children)
const rssWithPoolsMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

console.log(
  `OCR bench: ${PER_FAMILY} images per family (load average ${loadavg()[0]?.toFixed(1)} on ${
    (await import("node:os")).cpus().length
  } cores)\n`,
);
console.log(
  `${"family".padEnd(16)} ${"right".padStart(8)} ${"wrong".padStart(8)} ${"missing".padStart(8)} ${"unread".padStart(7)} ${"p50 s".padStart(7)} ${"p95 s".padStart(7)}`,
);
const allTimes: number[] = [];
let samplePdf: Uint8Array | null = null;
let samplePhoto: Uint8Array | null = null;
for (const { family, styles } of FAMILIES) {
  const random = seededRandom(SEED + family.length * 7);
  let right = 0;
  let wrong = 0;
  let missing = 0;
  let unread = 0;
  const times: number[] = [];
  const notes: string[] = [];
  for (let n = 0; n < PER_FAMILY; n++) {
    const style = styles[n % styles.length] as Style;
    const sheet = sheetCase(style, randomSheet(random), random);
    const pdf = await sheet.render();
    samplePdf ??= pdf;
    const variant = randomImageVariant(family === "image-only-pdf" ? "phone" : family, random);
    const image = await sheetImage(pdf, variant);
    const bytes = family === "image-only-pdf" ? await imageOnlyPdf(image) : image;
    if (family === "phone") samplePhoto ??= bytes;
    const started = performance.now();
    let record: ScanRecord | null = null;
    try {
      record = await extractor.extract(bytes, { key: `bench-${n}` });
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      notes.push(`  #${n} ${style}: refused ${error.code} ${JSON.stringify(variant)}`);
    }
    times.push(performance.now() - started);
    const tally: FieldTally = { right: 0, wrong: 0, missing: 0, notes };
    if (!record) unread++;
    scoreFields(record, sheet.expected, `#${n} ${style}`, tally);
    right += tally.right;
    wrong += tally.wrong;
    missing += tally.missing;
  }
  allTimes.push(...times);
  const total = right + wrong + missing;
  const pct = (count: number) => `${((100 * count) / Math.max(1, total)).toFixed(1)}%`;
  console.log(
    `${family.padEnd(16)} ${pct(right).padStart(8)} ${pct(wrong).padStart(8)} ${pct(missing).padStart(8)} ${String(unread).padStart(7)} ${(percentile(times, 50) / 1000).toFixed(1).padStart(7)} ${(percentile(times, 95) / 1000).toFixed(1).padStart(7)}`,
  );
  if (VERBOSE || wrong > 0) for (const note of notes) console.log(note);
}

// a PDF and the event loop while a photo is read
const delay = monitorEventLoopDelay({ resolution: 10 });
const pdfIdleStarted = performance.now();
if (samplePdf) await extractor.extract(samplePdf, { key: "idle" });
const pdfIdle = performance.now() - pdfIdleStarted;
delay.enable();
const reading = samplePhoto ? extractor.extract(samplePhoto, { key: "photo" }).catch(() => null) : null;
await new Promise((resolve) => setTimeout(resolve, 300));
const pdfBusyStarted = performance.now();
if (samplePdf) await extractor.extract(samplePdf, { key: "member" });
const pdfBusy = performance.now() - pdfBusyStarted;
await reading;
delay.disable();

console.log("");
console.log(
  `all images: p50 ${(percentile(allTimes, 50) / 1000).toFixed(1)} s, p95 ${(percentile(allTimes, 95) / 1000).toFixed(1)} s`,
);
console.log(`OCR worker peak RSS: ${Math.round(workerPeakKb / 1024)} MB`);
console.log(
  `this process with both pools loaded: ${rssWithPoolsMb} MB RSS (${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB after drawing the fixtures)`,
);
console.log(
  `a PDF read: ${Math.round(pdfIdle)} ms idle, ${Math.round(pdfBusy)} ms while a photo is read; event loop delay while reading p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
);
await extractor.close();

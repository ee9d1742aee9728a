// `npm run bench:ocr-external`: images of fixture sheets made by tools this project never tunes on — the
// PDF rasterised by Poppler (pdftoppm), MuPDF (mutool) or Ghostscript, then made into a screenshot or a phone
// photo by ImageMagick (perspective, rotation, uneven light, blur, sensor noise, JPEG, a desk around the
// paper). Our own fixture images (bench:ocr) come from pdf.js and sharp; these share nothing with them but
// the PDF. Scored like bench:ocr: right / wrong / missing over the 24 metrics, the date, sex, age and height.
// Needs poppler-utils, mupdf-tools, ghostscript and imagemagick (Debian packages); not part of CI.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ScanRejectedError } from "../src/domain/scan-record.ts";
import { cagedScanExtractor } from "../src/extract/scan-extractor.ts";
import { randomSheet, STYLES, sheetCase } from "../test/fixtures/producers.ts";
import { seededRandom } from "../test/fixtures/random.ts";
import { type FieldTally, scoreFields } from "./ocr-fields.ts";
import { percentile } from "./percentile.ts";

const PER_FAMILY = Number(process.env.OCR_BENCH_IMAGES ?? 9);
const VERBOSE = process.argv.includes("--verbose");
const RENDERERS = ["pdftoppm", "mutool", "gs"] as const;
type Renderer = (typeof RENDERERS)[number];

for (const tool of ["pdftoppm", "mutool", "gs", "convert"])
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
  } catch {
    console.error(`${tool} is missing: apt-get install poppler-utils mupdf-tools ghostscript imagemagick`);
    process.exit(1);
  }

const work = mkdtempSync(join(tmpdir(), "ocr-external-"));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });

function rasterise(pdfPath: string, renderer: Renderer, dpi: number, out: string): void {
  if (renderer === "pdftoppm")
    run("pdftoppm", ["-r", String(dpi), "-png", "-singlefile", pdfPath, out.replace(/\.png$/, "")]);
  else if (renderer === "mutool") run("mutool", ["draw", "-q", "-r", String(dpi), "-o", out, pdfPath, "1"]);
  else
    run("gs", [
      "-q",
      "-dSAFER",
      "-dBATCH",
      "-dNOPAUSE",
      "-sDEVICE=png16m",
      `-r${dpi}`,
      "-dFirstPage=1",
      "-dLastPage=1",
      "-dTextAlphaBits=4",
      "-dGraphicsAlphaBits=4",
      `-sOutputFile=${out}`,
      pdfPath,
    ]);
}

/** A screenshot: the page at phone-screen resolution, maybe scaled again, PNG or a high-quality JPEG. */
function screenshot(page: string, random: () => number, out: string): string {
  const scale = Math.round(80 + random() * 40);
  const jpeg = random() < 0.5;
  const target = jpeg ? out.replace(/\.png$/, ".jpg") : out;
  run("convert", [
    // ImageMagick's noise is random unless seeded: the same run makes the same photos
    "-seed",
    String(Math.floor(random() * 1e6)),
    page,
    "-resize",
    `${scale}%`,
    ...(jpeg ? ["-quality", String(Math.round(80 + random() * 15))] : []),
    target,
  ]);
  return target;
}

/** A phone photo of the printed page on a desk. */
function photo(page: string, random: () => number, out: string): string {
  const size = execFileSync("identify", ["-format", "%w %h", page], { encoding: "utf8" })
    .split(" ")
    .map(Number);
  const [w, h] = size as [number, number];
  const pad = Math.round(Math.max(w, h) * (0.06 + random() * 0.12));
  const jitter = () => Math.round((random() - 0.5) * 0.08 * Math.min(w, h));
  const corners = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ].map(([x, y]) => `${x},${y} ${(x as number) + jitter()},${(y as number) + jitter()}`);
  const desk = ["#6b5a45", "#3c3f44", "#9a8f7e", "#24303a", "#7d6f60"][Math.floor(random() * 5)] as string;
  const shade = Math.round(10 + random() * 35);
  const target = out.replace(/\.png$/, ".jpg");
  run("convert", [
    // ImageMagick's noise is random unless seeded: the same run makes the same photos
    "-seed",
    String(Math.floor(random() * 1e6)),
    page,
    "-colorspace",
    "sRGB",
    "-bordercolor",
    "white",
    "-border",
    "12",
    "-background",
    desk,
    "-virtual-pixel",
    "background",
    "-distort",
    "Perspective",
    corners.join(" "),
    "-bordercolor",
    desk,
    "-border",
    String(pad),
    "-rotate",
    (random() * 8 - 4).toFixed(2),
    // uneven light: darker towards one side
    "(",
    "+clone",
    "-sparse-color",
    "Barycentric",
    `0,0 gray(${100 - shade}%) %w,%h gray(100%)`,
    ")",
    "-compose",
    "Multiply",
    "-composite",
    "-modulate",
    `${Math.round(90 + random() * 20)},${Math.round(80 + random() * 30)}`,
    "-blur",
    `0x${(0.3 + random() * 0.9).toFixed(2)}`,
    "-attenuate",
    (0.2 + random() * 0.5).toFixed(2),
    "+noise",
    "Gaussian",
    "-resize",
    `${Math.round(55 + random() * 30)}%`,
    "-quality",
    String(Math.round(55 + random() * 30)),
    target,
  ]);
  return target;
}

const extractor = cagedScanExtractor({ size: 1, whenFull: "wait" });
await extractor.ocrPool.warmUp();
console.log(
  `OCR bench, outside tools: ${PER_FAMILY} images per family (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)\n`,
);
console.log(
  `${"family".padEnd(18)} ${"right".padStart(8)} ${"wrong".padStart(8)} ${"missing".padStart(8)} ${"unread".padStart(7)} ${"p95 s".padStart(7)}`,
);
const families = [
  { name: "outside screenshot", make: screenshot, dpi: [110, 160] },
  { name: "outside photo", make: photo, dpi: [150, 220] },
] as const;
try {
  for (const family of families) {
    const random = seededRandom(4711 + family.name.length);
    const tally: FieldTally = { right: 0, wrong: 0, missing: 0, notes: [], missingBy: new Map() };
    let unread = 0;
    const times: number[] = [];
    for (let n = 0; n < PER_FAMILY; n++) {
      const style = STYLES[n % STYLES.length]!;
      const renderer = RENDERERS[Math.floor(n / STYLES.length) % RENDERERS.length]!;
      const sheet = sheetCase(style, randomSheet(random), random);
      const pdfPath = join(work, `${n}.pdf`);
      writeFileSync(pdfPath, await sheet.render());
      const dpi = Math.round(family.dpi[0] + random() * (family.dpi[1] - family.dpi[0]));
      const page = join(work, `${n}-page.png`);
      rasterise(pdfPath, renderer, dpi, page);
      const image = family.make(page, random, join(work, `${n}-${family.name.replace(/ /g, "-")}.png`));
      const bytes = new Uint8Array(readFileSync(image));
      const label = `#${n} ${style}/${renderer}@${dpi}dpi`;
      const started = performance.now();
      try {
        const record = await extractor.extract(bytes, { key: `bench-${n}` });
        scoreFields(record, sheet.expected, label, tally);
      } catch (error) {
        if (!(error instanceof ScanRejectedError)) throw error;
        unread++;
        scoreFields(null, sheet.expected, label, tally);
        tally.notes.push(`  ${label}: refused ${error.code}`);
      }
      times.push(performance.now() - started);
      if (process.env.KEEP_IMAGES) console.log(`  kept ${image}`);
    }
    const total = tally.right + tally.wrong + tally.missing;
    const pct = (count: number) => `${((100 * count) / Math.max(1, total)).toFixed(1)}%`;
    console.log(
      `${family.name.padEnd(18)} ${pct(tally.right).padStart(8)} ${pct(tally.wrong).padStart(8)} ${pct(tally.missing).padStart(8)} ${String(unread).padStart(7)} ${(percentile(times, 95) / 1000).toFixed(1).padStart(7)}`,
    );
    if (VERBOSE || tally.wrong > 0) for (const note of tally.notes) console.log(note);
    if (VERBOSE)
      console.log(
        `  missing most: ${[...(tally.missingBy ?? [])]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([key, n]) => `${key} ${n}`)
          .join(", ")}`,
      );
  }
} finally {
  await extractor.close();
  if (!process.env.KEEP_IMAGES) rmSync(work, { recursive: true, force: true });
}

// `npx tsx bench/ocr-orientation.ts`: how well orientation.ts tells which way up a page is, per family and
// per turn of the photo (0°, 90°, 180°, 270°), and what the decision costs (the prepared page's strip read,
// not the page's preparation); plus a photo of another document at four turns (no sheet: expected 0 turns,
// the reader refuses it after). Fixture images only, drawn like bench:ocr's families with other seeds.

import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { decodeImage } from "../src/extract/image/decode-image.ts";
import type { GrayImage } from "../src/extract/image/gray-image.ts";
import { halfTurnsToUpright } from "../src/extract/image/orientation.ts";
import { renderPage } from "../src/extract/image/page-images.ts";
import { preparePage } from "../src/extract/image/prepare-page.ts";
import { warmOcr } from "../src/extract/image/tesseract.ts";
import { openPdf } from "../src/extract/pdf-text.ts";
import { SCANS_DIR } from "../test/fixtures/generate.ts";
import { randomSheet, type Style, sheetCase } from "../test/fixtures/producers.ts";
import { seededRandom } from "../test/fixtures/random.ts";
import {
  deskPhoto,
  type ImageFamily,
  imageOnlyPdf,
  randomImageVariant,
  sheetImage,
} from "../test/fixtures/sheet-images.ts";
import { percentile } from "./percentile.ts";

const PER_FAMILY = Number(process.env.OCR_BENCH_IMAGES ?? 5);

type Family = ImageFamily | "image-only-pdf";
const FAMILIES: { family: Family; styles: Style[] }[] = [
  { family: "phone", styles: ["template", "pdfkit"] },
  { family: "held-out", styles: ["handmade"] },
  { family: "faded-print", styles: ["template", "pdfkit"] },
  { family: "image-only-pdf", styles: ["template", "handmade"] },
  { family: "screenshot", styles: ["template", "pdfkit", "handmade"] },
];

/** The decoded photo's page as the OCR worker sees it (an image-only PDF's page rendered first). */
async function decoded(bytes: Uint8Array, family: Family): Promise<GrayImage> {
  if (family !== "image-only-pdf") return decodeImage(bytes);
  const pdf = await openPdf(await imageOnlyPdf(bytes));
  try {
    return await renderPage(pdf, 1);
  } finally {
    await pdf.close();
  }
}

async function decide(image: GrayImage): Promise<{ turns: number; ms: number }> {
  const page = await preparePage(image);
  const started = performance.now();
  const turns = await halfTurnsToUpright(page);
  return { turns, ms: performance.now() - started };
}

await warmOcr();
console.log(
  `orientation: ${PER_FAMILY} sheets per family, photos at four turns (load average ${loadavg()[0]?.toFixed(1)})\n`,
);
console.log(
  `${"family".padEnd(16)} ${"turn".padStart(5)} ${"right".padStart(6)} ${"wrong".padStart(6)} ${"p50 ms".padStart(7)} ${"max ms".padStart(7)}`,
);
for (const { family, styles } of FAMILIES) {
  const random = seededRandom(31337 + family.length);
  const byTurn = new Map<number, { right: number; wrong: number; ms: number[] }>();
  for (let n = 0; n < PER_FAMILY; n++) {
    const style = styles[n % styles.length] as Style;
    const pdf = await sheetCase(style, randomSheet(random), random).render();
    const variant = randomImageVariant(family === "image-only-pdf" ? "phone" : family, random);
    for (const quarterTurns of variant.kind === "photo" ? ([0, 1, 2, 3] as const) : ([0] as const)) {
      const image = await sheetImage(pdf, variant.kind === "photo" ? { ...variant, quarterTurns } : variant);
      const { turns, ms } = await decide(await decoded(image, family));
      // preparePage turns a landscape page a quarter clockwise: 90° and 180° photos then need a half turn
      const upright = quarterTurns === 1 || quarterTurns === 2 ? 2 : 0;
      const tally = byTurn.get(quarterTurns) ?? { right: 0, wrong: 0, ms: [] };
      if (turns === upright) tally.right++;
      else tally.wrong++;
      tally.ms.push(ms);
      byTurn.set(quarterTurns, tally);
    }
  }
  for (const [quarterTurns, { right, wrong, ms }] of byTurn) {
    console.log(
      `${family.padEnd(16)} ${`${quarterTurns * 90}°`.padStart(5)} ${String(right).padStart(6)} ${String(wrong).padStart(6)} ${String(Math.round(percentile(ms, 50))).padStart(7)} ${String(Math.round(Math.max(...ms))).padStart(7)}`,
    );
  }
}

const invoice = new Uint8Array(readFileSync(join(SCANS_DIR, "invoice.pdf")));
for (const quarterTurns of [0, 1, 2, 3] as const) {
  const image = await sheetImage(invoice, deskPhoto({ paperWidth: 1400, quarterTurns }));
  const { turns, ms } = await decide(await decodeImage(image));
  console.log(`no sheet (an invoice) at ${quarterTurns * 90}°: ${turns} turns, ${Math.round(ms)} ms`);
}
console.log(`\nload average at the end ${loadavg()[0]?.toFixed(1)}`);
// the OCR worker keeps the process alive; exit once stdout (a pipe is written asynchronously) has drained
process.stdout.write("", () => process.exit(0));

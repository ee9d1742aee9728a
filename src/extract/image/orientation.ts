// Which way up a prepared page is, decided before the whole page is OCR'd (2.5–5 s a pass), so a photo
// taken upside down or turned the "wrong" quarter is read once instead of twice. preparePage has already
// turned a landscape page to portrait, so only two ways are left: as it is, or turned half round.
//
// How: the sheet's title and header (`YOUR EVOLT 360 BODY SCAN`, DATE, NAME, HEIGHT…) fill the top of an
// upright page; on a page upside down they are at the bottom, turned. One small OCR call reads both
// candidates at once — the top strip as it is stacked over the bottom strip turned half round, downscaled
// — and the half with the sheet's own words is the header the right way up. bench/ocr-orientation.ts:
// 85 of 85 fixture photos (phone, held-out, faded print, image-only PDF, each at 0°/90°/180°/270°, and
// screenshots) right, for ~0.6–1 s on a machine loaded 4× over (a whole-page pass costs several times
// that); in the trials before, at 0.35×–1× scale, the right half held 5–13 sheet words and the other none. Rejected on the same kind of images:
// tesseract's OSD (@tesseract.js-data/osd) needs a second worker on the legacy engine (its own wasm heap
// beside the ~650 MB one), took 1.6–4.3 s a page (0.9–2.9 s at half size) and was wrong on 1 of 13 photos
// (2 of 13 at half size); where the ink sits (more of it in the top half) was wrong on 2 of 13, thrown by
// shadows and the desk.
import { type GrayImage, rotateQuarter, sharpOf, toGray } from "./gray-image.ts";
import { recognise } from "./tesseract.ts";

/** How much of the page's height each strip holds: the title and the header's first row of fields. */
const STRIP_SHARE = 0.12;
/**
 * The strips are read at this share of the page's width: the title's letters stay ~20 px high. 0.5 and
 * 0.35 both told every trial page apart; 0.35 was ~30 % quicker but kept fewer words (5 against 7 at least).
 */
const STRIP_SCALE = 0.4;
/** Blank rows between the two strips, so tesseract never joins a line of one to the other. */
const GAP_PX = 40;
/** Words of the sheet's title, header and footer (the footer's `www.evolt360.com` counts by its EVOLT). */
const SHEET_WORDS = new Set([
  "YOUR",
  "EVOLT",
  "360",
  "BODY",
  "SCAN",
  "DATE",
  "NAME",
  "HEIGHT",
  "WEIGHT",
  "AGE",
  "GENDER",
  "DOWNLOAD",
  "ACTIVE",
  "APP",
  "TRACK",
  "PROGRESS",
]);
/** Fewer sheet words than this in the turned strip leave the page as it is (the usual way up). */
const MIN_WORDS = 2;

/**
 * The quarter turns (0 or 2) that put the page's header at the top the right way up; 0 when neither
 * strip shows the sheet's words (no sheet, or its header out of the picture: the reader decides then).
 */
export async function halfTurnsToUpright(page: GrayImage): Promise<0 | 2> {
  const rows = Math.max(1, Math.round(page.height * STRIP_SHARE));
  const top = rowsOf(page, 0, rows);
  const bottomTurned = rotateQuarter(rowsOf(page, page.height - rows, rows), 2);
  const both = await toGray(
    sharpOf(stacked(top, bottomTurned)).resize({
      width: Math.max(1, Math.round(page.width * STRIP_SCALE)),
      kernel: "lanczos3",
    }),
  );
  const middle = both.height / 2;
  let asItIs = 0;
  let turned = 0;
  for (const word of (await recognise(both)).flatMap((line) => line.words)) {
    if (!isSheetWord(word.text)) continue;
    if ((word.box.y0 + word.box.y1) / 2 < middle) asItIs++;
    else turned++;
  }
  return turned >= MIN_WORDS && turned > asItIs ? 2 : 0;
}

function isSheetWord(text: string): boolean {
  const letters = text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return SHEET_WORDS.has(letters) || letters.includes("EVOLT");
}

function rowsOf(image: GrayImage, from: number, count: number): GrayImage {
  return {
    data: image.data.subarray(from * image.width, (from + count) * image.width),
    width: image.width,
    height: count,
  };
}

/** `upper` over `lower` (the same width), blank paper between them. */
function stacked(upper: GrayImage, lower: GrayImage): GrayImage {
  const { width } = upper;
  const height = upper.height + GAP_PX + lower.height;
  const data = new Uint8Array(width * height).fill(255);
  data.set(upper.data, 0);
  data.set(lower.data, (upper.height + GAP_PX) * width);
  return { data, width, height };
}

// Which way up a prepared page is, decided before the whole page is OCR'd (2.5–5 s a pass), so a photo
// taken upside down or turned the "wrong" quarter is read once instead of twice. preparePage has already
// turned a landscape page to portrait, so only two ways are left: as it is, or turned half round.
//
// How: the sheet's title and header (`YOUR EVOLT 360 BODY SCAN`, DATE, NAME, HEIGHT…) fill the top of an
// upright page; on a page upside down they are at the bottom, turned. A small OCR call reads the top strip,
// downscaled; without the sheet's words there, a second reads the bottom strip turned half round. In
// trials on fixture photos (phone, held-out, faded print, image-only PDF, each at 0°/90°/180°/270°, and
// screenshots; bench/ocr-orientation.ts) the strip the right way up held 5–13 sheet words and the one
// upside down none, 85 of 85 pages were decided right, and a strip cost ~0.2 s of CPU (a whole-page pass
// 4–5 s). Rejected on the same kind of images: tesseract's OSD (@tesseract.js-data/osd) needs a second
// worker on the legacy engine (its own wasm heap beside the ~650 MB one), took 1.6–4.3 s a page (0.9–2.9 s
// at half size) on a loaded machine and was wrong on 1 of 13 photos (2 of 13 at half size); where the ink
// sits (more of it in the top half) was wrong on 2 of 13, thrown by shadows and the desk.
import { type GrayImage, rotateQuarter, sharpOf, toGray } from "./gray-image.ts";
import { recognise } from "./tesseract.ts";

/** How much of the page's height each strip holds: the title and the header's first row of fields. */
const STRIP_SHARE = 0.12;
/**
 * The strips are read at this share of the page's width: the title's letters stay ~20 px high. 0.5 and
 * 0.35 both told every trial page apart; 0.35 saved ~10 % of a strip's CPU and kept fewer words.
 */
const STRIP_SCALE = 0.4;
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
/** A strip with this many sheet words is the header the right way up. */
const MIN_WORDS = 2;

/**
 * The quarter turns (0 or 2) that put the page's header at the top the right way up; 0 when neither
 * strip shows the sheet's words (no sheet, or its header out of the picture: the reader decides then).
 * The top strip is read first and alone: most pages are upright, and one strip costs half of two.
 */
export async function halfTurnsToUpright(page: GrayImage): Promise<0 | 2> {
  const rows = Math.max(1, Math.round(page.height * STRIP_SHARE));
  if ((await sheetWordsIn(rowsOf(page, 0, rows))) >= MIN_WORDS) return 0;
  const turned = await sheetWordsIn(rotateQuarter(rowsOf(page, page.height - rows, rows), 2));
  return turned >= MIN_WORDS ? 2 : 0;
}

async function sheetWordsIn(strip: GrayImage): Promise<number> {
  const small = await toGray(
    sharpOf(strip).resize({ width: Math.max(1, Math.round(strip.width * STRIP_SCALE)), kernel: "lanczos3" }),
  );
  const lines = await recognise(small);
  return lines.flatMap((line) => line.words).filter((word) => isSheetWord(word.text)).length;
}

function isSheetWord(text: string): boolean {
  const letters = text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return SHEET_WORDS.has(letters) || letters.includes("EVOLT");
}

function rowsOf(image: GrayImage, from: number, count: number): GrayImage {
  return {
    data: image.data.slice(from * image.width, (from + count) * image.width),
    width: image.width,
    height: count,
  };
}

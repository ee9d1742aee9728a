// From a decoded photo or screenshot to the page tesseract reads: cut out and straighten the paper, turn
// it upright, scale it so the sheet's small print is ~30 px high (tesseract reads best at 20–40 px; the
// sheet's range brackets are 8 pt), and even out the light.
import { findPaper } from "./find-paper.ts";
import { type GrayImage, rotateQuarter, sharpOf, toGray } from "./gray-image.ts";
import { uprightSize, warpQuad } from "./warp.ts";

/** Page width OCR reads at: 3.5 px per PDF point (about 250 dpi for an A4 sheet). */
export const PAGE_WIDTH_PX = 2100;

export async function preparePage(image: GrayImage): Promise<GrayImage> {
  const quad = findPaper(image);
  let page = image;
  if (quad) {
    const size = uprightSize(quad, PAGE_WIDTH_PX);
    page = warpQuad(image, quad, size.width, size.height);
  }
  // the sheet is portrait: a landscape page was photographed turned (which way is settled by orientation.ts)
  if (page.width > page.height * 1.1) page = rotateQuarter(page, 1);
  return evenLight(await toWidth(page, PAGE_WIDTH_PX));
}

async function toWidth(image: GrayImage, width: number): Promise<GrayImage> {
  if (image.width === width) return image;
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  return toGray(sharpOf(image).resize(width, height, { kernel: "lanczos3" }));
}

/**
 * Flat-field: each pixel divided by the paper's local brightness (the brightest of its neighbourhood on a
 * 16× smaller copy, where text is too thin to count, then smoothed), so a shadow or a lamp's falloff does
 * not push tesseract's global threshold into the text.
 */
async function evenLight(image: GrayImage): Promise<GrayImage> {
  const { width, height } = image;
  const w = Math.max(8, Math.round(width / 16));
  const h = Math.max(8, Math.round(height / 16));
  const small = (await toGray(sharpOf(image).resize(w, h, { kernel: "cubic" }))).data;
  const brightest = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let max = 0;
      for (let yy = Math.max(0, y - 2); yy <= Math.min(h - 1, y + 2); yy++) {
        for (let xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) {
          max = Math.max(max, small[yy * w + xx] as number);
        }
      }
      brightest[y * w + x] = max;
    }
  }
  const background = (
    await toGray(
      sharpOf({ data: brightest, width: w, height: h }).blur(1.5).resize(width, height, { kernel: "cubic" }),
    )
  ).data;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const paper = Math.max(32, background[i] as number);
    out[i] = Math.min(255, Math.round(((image.data[i] as number) * 255) / paper));
  }
  return { data: out, width, height };
}

// The pages of an image-only PDF (a printout scanned back to PDF) as images: pdf.js draws each page onto
// a canvas (@napi-rs/canvas) at 300 dpi (what a scan to PDF embeds at most), and the page's blank canvas
// around the picture is cut off: a photo placed on part of an A4 page leaves the rest pure white, which
// would otherwise be taken for the paper.
import { createCanvas } from "@napi-rs/canvas";
import type { OpenPdf } from "../pdf-text.ts";
import { type GrayImage, grayImage } from "./gray-image.ts";

/** 300 dpi across an A4 page: the pre-check's image budget (pdf-precheck.ts), so nothing embedded is lost. */
const RENDER_WIDTH_PX = 2480;
/** the canvas is filled white; anything darker is the picture (or a mark printed on the page) */
const BLANK = 250;

export async function renderPage(pdf: OpenPdf, n: number): Promise<GrayImage> {
  const page = await pdf.page(n);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: RENDER_WIDTH_PX / Math.max(1, base.width) });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  const rgba = context.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    // Rec. 601 luma, as sharp's grayscale uses for photos
    gray[i] = Math.round(
      0.299 * (rgba[4 * i] as number) +
        0.587 * (rgba[4 * i + 1] as number) +
        0.114 * (rgba[4 * i + 2] as number),
    );
  }
  return withoutBlankRim({ data: gray, width, height });
}

/** The image cut to the box around everything not blank, unless that is nearly all of it or nearly nothing. */
function withoutBlankRim(image: GrayImage): GrayImage {
  const { data, width, height } = image;
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[y * width + x] as number) >= BLANK) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  if (x1 < 0 || w * h < 0.1 * width * height || w * h > 0.95 * width * height) return image;
  const out = grayImage(w, h);
  for (let y = 0; y < h; y++)
    out.data.set(data.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
  return out;
}

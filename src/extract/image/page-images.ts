// The pages of an image-only PDF (a printout scanned back to PDF) as images: pdf.js draws each page onto
// a canvas (@napi-rs/canvas) at the width OCR reads at.
import { createCanvas } from "@napi-rs/canvas";
import type { OpenPdf } from "../pdf-text.ts";
import type { GrayImage } from "./gray-image.ts";
import { PAGE_WIDTH_PX } from "./prepare-page.ts";

export async function renderPage(pdf: OpenPdf, n: number): Promise<GrayImage> {
  const page = await pdf.page(n);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: PAGE_WIDTH_PX / Math.max(1, base.width) });
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
  return { data: gray, width, height };
}

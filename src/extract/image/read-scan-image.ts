// The OCR worker's task: an image file, or a PDF whose pages are images, read like a photo.

import { imageFormatOf } from "../../domain/image-bytes.ts";
import { type ScanRecord, ScanRejectedError } from "../../domain/scan-record.ts";
import { precheckPdf } from "../pdf-precheck.ts";
import { openPdf } from "../pdf-text.ts";
import { renderPage } from "./page-images.ts";
import { readImage, readPageImage } from "./read-image.ts";

/**
 * An image → its record or "unreadable_image"; an image-only PDF → the first page that reads as a sheet,
 * or "no_text_layer" (scan-format.md: a PDF with no text and no sheet on its page images).
 */
export async function readScanImage(bytes: Uint8Array): Promise<ScanRecord> {
  if (imageFormatOf(bytes)) return readImage(bytes);
  precheckPdf(bytes);
  const pdf = await openPdf(bytes);
  try {
    for (let n = 1; n <= pdf.pages; n++) {
      try {
        return await readPageImage(await renderPage(pdf, n));
      } catch (error) {
        if (!(error instanceof ScanRejectedError) || error.code !== "unreadable_image") throw error;
      }
    }
  } finally {
    await pdf.close();
  }
  throw new ScanRejectedError("no_text_layer");
}

export { warmOcr } from "./tesseract.ts";

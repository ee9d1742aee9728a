// An image-only PDF's page is drawn at scan resolution and cut to its picture: the blank rest of an A4 page
// around a landscape photo is not taken for the paper.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../../src/extract/image/page-images.ts";
import { openPdf } from "../../../src/extract/pdf-text.ts";
import { imageOnlyPdf } from "../../fixtures/sheet-images.ts";

describe("the page image of an image-only PDF", () => {
  it("is the picture, not the page around it", async () => {
    // a landscape photo: grey desk, a darker band across (what a photo of paper looks like to the renderer)
    const photo = await sharp({
      create: { width: 1600, height: 1000, channels: 3, background: { r: 120, g: 110, b: 100 } },
    })
      .composite([
        {
          input: { create: { width: 1200, height: 200, channels: 3, background: { r: 40, g: 40, b: 40 } } },
          left: 200,
          top: 400,
        },
      ])
      .jpeg()
      .toBuffer();
    const pdf = await openPdf(await imageOnlyPdf(new Uint8Array(photo)));
    try {
      const page = await renderPage(pdf, 1);
      expect(page.width / page.height).toBeCloseTo(1.6, 1);
      expect(page.width).toBeGreaterThanOrEqual(2400);
    } finally {
      await pdf.close();
    }
  });
});

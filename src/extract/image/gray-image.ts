import sharp, { type Sharp } from "sharp";

/** An 8-bit grayscale raster, row by row (what every step between decoding and OCR passes on). */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function grayImage(width: number, height: number): GrayImage {
  return { data: new Uint8Array(width * height), width, height };
}

/** The image turned by a multiple of 90° clockwise. */
export function rotateQuarter(image: GrayImage, quarters: number): GrayImage {
  const turns = ((quarters % 4) + 4) % 4;
  if (turns === 0) return image;
  const { width: w, height: h, data } = image;
  const out = grayImage(turns === 2 ? w : h, turns === 2 ? h : w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const value = data[y * w + x] as number;
      if (turns === 1) out.data[x * h + (h - 1 - y)] = value;
      else if (turns === 2) out.data[(h - 1 - y) * w + (w - 1 - x)] = value;
      else out.data[(w - 1 - x) * h + y] = value;
    }
  }
  return out;
}

/** A sharp pipeline over the raster (sharp widens one channel to three unless told otherwise). */
export function sharpOf(image: GrayImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

/** The pipeline's output as one 8-bit channel. */
export async function toGray(pipeline: Sharp): Promise<GrayImage> {
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

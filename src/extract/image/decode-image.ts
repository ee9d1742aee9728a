// Untrusted image bytes → one grayscale raster of bounded size. sharp (libvips) decodes PNG, JPEG and WebP
// and refuses more pixels than a phone camera makes (a decompression bomb is refused before it is
// decoded); HEIC goes through heic-decode (libheif compiled to wasm), its size checked before decoding.
import { createRequire } from "node:module";
import sharp from "sharp";
import { type ImageFormat, imageFormatOf } from "../../domain/image-bytes.ts";
import { ScanRejectedError } from "../../domain/scan-record.ts";
import type { GrayImage } from "./gray-image.ts";

/** Pixels an input may declare: 50 MP covers every phone camera's default; more is refused unread. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Longest side kept after decoding: a sheet filling half the frame still has ~2000 px across. */
export const MAX_WORKING_SIDE = 3600;

sharp.cache(false);
sharp.concurrency(1);

export async function decodeImage(bytes: Uint8Array): Promise<GrayImage> {
  const format = imageFormatOf(bytes);
  if (!format) throw new ScanRejectedError("unreadable_image");
  try {
    const input = format === "heic" ? await heicToSharp(bytes) : sharpOf(bytes, format);
    const { data, info } = await input
      .rotate() // the camera's EXIF orientation
      .resize({ width: MAX_WORKING_SIDE, height: MAX_WORKING_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new ScanRejectedError("unreadable_image");
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof ScanRejectedError) throw error;
    // sharp says "Input image exceeds pixel limit" for a bomb and names the codec for a broken file
    throw new ScanRejectedError(/pixel limit/i.test(String(error)) ? "too_large" : "unreadable_image");
  }
}

function sharpOf(bytes: Uint8Array, _format: Exclude<ImageFormat, "heic">) {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", sequentialRead: true });
}

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ data: Uint8ClampedArray; width: number; height: number }>;
}

const require = createRequire(import.meta.url);

async function heicToSharp(bytes: Uint8Array) {
  const heic = require("heic-decode") as { all(input: { buffer: Uint8Array }): Promise<HeicImage[]> };
  const [first] = await heic.all({ buffer: bytes });
  if (!first) throw new ScanRejectedError("unreadable_image");
  if (first.width * first.height > MAX_INPUT_PIXELS) throw new ScanRejectedError("too_large");
  const { data, width, height } = await first.decode();
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
    raw: { width, height, channels: 4 },
    limitInputPixels: MAX_INPUT_PIXELS,
  });
}

// PNG encoder for our opaque 2× images. Skia's encoder (zlib level 6 with filtering) takes 3–5× longer
// on these mostly-white images than deflate level 1 on unfiltered rows, and its files are not smaller.

import { deflate } from "node:zlib";
import type { Canvas } from "@napi-rs/canvas";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: Buffer[]): number {
  let c = 0xffffffff;
  for (const buf of parts) {
    for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([head.subarray(4), data]), 0);
  return Buffer.concat([head, data, crc]);
}

function deflateAsync(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    deflate(data, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/**
 * An opaque canvas as PNG (8-bit RGBA, no filter, deflate level 1). Reads the raw (premultiplied) pixels,
 * which equal straight RGBA only because every chart paints an opaque white background first.
 */
export async function encodeCanvasPng(canvas: Canvas): Promise<Buffer> {
  const { width, height } = canvas;
  const src = canvas.data();
  const stride = width * 4;
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    rows[o] = 0;
    src.copy(rows, o + 1, y * stride, (y + 1) * stride);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const idat = await deflateAsync(rows);
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

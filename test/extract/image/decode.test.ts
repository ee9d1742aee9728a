// What an image file must be before OCR spends seconds on it: a format known by its bytes, pixels within
// what a phone camera makes (a decompression bomb is refused before it is decoded).
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageFormatOf } from "../../../src/domain/image-bytes.ts";
import { ScanRejectedError } from "../../../src/domain/scan-record.ts";
import { decodeImage, MAX_INPUT_PIXELS } from "../../../src/extract/image/decode-image.ts";

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG that declares `side`×`side` gray pixels, with one small compressed row of data behind it. */
function declaredPng(side: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(side + 1))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const verdict = (work: Promise<unknown>) =>
  work.then(
    () => "read",
    (error) => (error instanceof ScanRejectedError ? error.code : String(error)),
  );

describe("image files", () => {
  it("are known by their first bytes, whatever they are called", async () => {
    const gray = sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } });
    expect(imageFormatOf(await gray.clone().png().toBuffer())).toBe("png");
    expect(imageFormatOf(await gray.clone().jpeg().toBuffer())).toBe("jpeg");
    expect(imageFormatOf(await gray.clone().webp().toBuffer())).toBe("webp");
    expect(imageFormatOf(new TextEncoder().encode("%PDF-1.7 not an image"))).toBeNull();
  });

  it("a decompression bomb (more pixels than a camera makes) is refused unread as too_large", async () => {
    const side = Math.ceil(Math.sqrt(MAX_INPUT_PIXELS)) + 1000;
    const before = process.memoryUsage().rss;
    expect(await verdict(decodeImage(declaredPng(side)))).toBe("too_large");
    // refused from the header: nothing near side² bytes was ever allocated
    expect(process.memoryUsage().rss - before).toBeLessThan(side * side);
  });

  it("a file with an image's header and garbage behind it is unreadable_image", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    expect(await verdict(decodeImage(broken))).toBe("unreadable_image");
  });

  it("a photo keeps its size within the working bound and comes out as one gray channel", async () => {
    const big = await sharp({ create: { width: 5000, height: 3000, channels: 3, background: "#a0a0a0" } })
      .jpeg()
      .toBuffer();
    const image = await decodeImage(big);
    expect(Math.max(image.width, image.height)).toBe(3600);
    expect(image.data.length).toBe(image.width * image.height);
  });
});

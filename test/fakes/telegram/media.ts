/** What Telegram would figure out about uploaded bytes: its type, and for images their size. */
export interface SniffedMedia {
  mimeType: string | undefined;
  isImage: boolean;
  width?: number;
  height?: number;
}

const EXTENSION_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  zip: "application/zip",
  svg: "image/svg+xml",
};

export function sniffMedia(bytes: Buffer, fileName: string | undefined): SniffedMedia {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) {
    return {
      mimeType: "image/png",
      isImage: true,
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
    };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { mimeType: "image/jpeg", isImage: true, ...jpegSize(bytes) };
  }
  if (bytes.subarray(0, 4).toString("latin1") === "GIF8") return { mimeType: "image/gif", isImage: true };
  if (
    bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
    bytes.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return { mimeType: "image/webp", isImage: true };
  }
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-")
    return { mimeType: "application/pdf", isImage: false };
  const extension = fileName?.split(".").pop()?.toLowerCase();
  return { mimeType: extension ? EXTENSION_TYPES[extension] : undefined, isImage: false };
}

function jpegSize(bytes: Buffer): { width?: number; height?: number } {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return {};
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return {};
}

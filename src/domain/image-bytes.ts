// Which picture formats a member may send instead of the PDF, told by their first bytes (names and mime
// types are whatever the phone or the platform says).

export type ImageFormat = "png" | "jpeg" | "webp" | "heic";

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

export function imageFormatOf(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === "PNG") return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  // ISO-BMFF: a box of type "ftyp" whose brand says HEIF/HEIC
  if (
    ascii(bytes, 4, 8) === "ftyp" &&
    /^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(ascii(bytes, 8, 12))
  )
    return "heic";
  return null;
}

/** Mime types and file names the platforms give pictures. */
export function namedLikeImage(
  mimeType: string | null | undefined,
  fileName: string | null | undefined,
): boolean {
  return (
    /^image\/(png|jpe?g|webp|hei[cf])$/i.test(mimeType ?? "") ||
    /\.(png|jpe?g|webp|hei[cf])$/i.test(fileName ?? "")
  );
}

// A small PDF writer for hostile files: objects written as given, with a cross-reference table that is
// right unless a test breaks it on purpose. Nothing is validated — that is the point.
import { constants, deflateRawSync, deflateSync } from "node:zlib";

export type Body = string | Uint8Array;

export interface PdfParts {
  /** object number → what goes between `N 0 obj` and `endobj` */
  objects: Map<number, Body>;
  root?: number;
  header?: string;
  /** appended to the trailer dictionary, e.g. "/Encrypt 9 0 R" */
  trailer?: string;
  /** change the table: return other offsets, or null to leave the table out */
  xref?: (offsets: Map<number, number>) => Map<number, number> | null;
  /** override what startxref says */
  startxref?: (real: number) => number | string;
}

const latin1 = (text: string) => Buffer.from(text, "latin1");

export function stream(
  dict: string,
  data: Uint8Array | string,
  options: { length?: number } = {},
): Uint8Array {
  const bytes = typeof data === "string" ? latin1(data) : data;
  return Buffer.concat([
    latin1(`<< ${dict} /Length ${options.length ?? bytes.byteLength} >>\nstream\n`),
    bytes,
    latin1("\nendstream"),
  ]);
}

export const flate = (data: Uint8Array | string) =>
  deflateSync(typeof data === "string" ? latin1(data) : data, { level: 9 });

export function writePdf(parts: PdfParts): Uint8Array {
  const chunks: Buffer[] = [latin1(parts.header ?? "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let length = chunks[0]!.byteLength;
  const offsets = new Map<number, number>();
  for (const [num, body] of [...parts.objects].sort(([a], [b]) => a - b)) {
    offsets.set(num, length);
    const chunk = Buffer.concat([
      latin1(`${num} 0 obj\n`),
      typeof body === "string" ? latin1(body) : body,
      latin1("\nendobj\n"),
    ]);
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const size = Math.max(0, ...offsets.keys()) + 1;
  const table = parts.xref ? parts.xref(offsets) : offsets;
  const xrefAt = length;
  if (table) {
    let text = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let num = 1; num < size; num++) {
      const offset = table.get(num);
      text +=
        offset === undefined ? "0000000000 00000 f \n" : `${String(offset).padStart(10, "0")} 00000 n \n`;
    }
    text += `trailer\n<< /Size ${size} /Root ${parts.root ?? 1} 0 R ${parts.trailer ?? ""} >>\n`;
    chunks.push(latin1(text));
  }
  const start = parts.startxref ? parts.startxref(xrefAt) : xrefAt;
  chunks.push(latin1(`startxref\n${start}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/**
 * One page drawing `content` (Flate-compressed unless told otherwise), with Helvetica as /F1. Objects
 * 1–5 are catalog, pages, page, content, font; `extra` adds more, `resources` extends the page's.
 */
export function onePage(
  content: Uint8Array | string,
  options: {
    compress?: boolean;
    extra?: Map<number, Body>;
    resources?: string;
    page?: string;
    pages?: string;
    contentDict?: string;
  } = {},
): PdfParts {
  const raw = typeof content === "string" ? latin1(content) : content;
  const compress = options.compress ?? true;
  const objects = new Map<number, Body>([
    [1, "<< /Type /Catalog /Pages 2 0 R >>"],
    [2, options.pages ?? "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"],
    [
      3,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents 4 0 R ${options.page ?? ""} /Resources << /Font << /F1 5 0 R >> ${options.resources ?? ""} >> >>`,
    ],
    [4, stream(options.contentDict ?? (compress ? "/Filter /FlateDecode" : ""), compress ? flate(raw) : raw)],
    [5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
  ]);
  for (const [num, body] of options.extra ?? []) objects.set(num, body);
  return { objects };
}

/** A zlib stream that inflates to `megabytes` MiB of zeros, built without ever holding them. */
export function zeroBomb(megabytes: number): Uint8Array {
  const segment = deflateRawSegmentOfZeros();
  const parts: Uint8Array[] = [Uint8Array.of(0x78, 0xda)];
  for (let i = 0; i < megabytes; i++) parts.push(segment);
  parts.push(Uint8Array.of(0x03, 0x00)); // a final, empty fixed-Huffman block
  const total = megabytes * 2 ** 20;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

let segment: Uint8Array | null = null;
function deflateRawSegmentOfZeros(): Uint8Array {
  // one MiB of zeros, ended with a full flush: byte-aligned and independent of what came before
  segment ??= deflateRawSync(Buffer.alloc(2 ** 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return segment;
}

// Stream filters (ISO 32000-1 §7.4), decoded under a byte budget. Flate goes through zlib, which checks the
// Adler-32 sum: a stream that fails it, or does not inflate to its end, is corrupt. Image codecs (JPEG,
// JPEG 2000, JBIG2, CCITT) are not decoded here; the caller bounds the image by its declared size instead.
import { inflateSync } from "node:zlib";
import { corrupt, overBudget } from "./budgets.ts";
import { isWhite, PdfDict, PdfName, type PdfValue } from "./syntax.ts";

export interface ByteBudget {
  /** bytes that may still be produced */
  left: number;
}

const IMAGE_CODECS = new Set(["DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"]);

export interface Decoded {
  data: Uint8Array;
  /** the image codec left undecoded at the end of the chain, if any */
  imageCodec: string | null;
}

/**
 * Decodes `data` through the stream's /Filter chain. Every stage may produce at most `cap` bytes (what this
 * stream can sensibly hold) and all stages together are charged to `budget` (the whole file's).
 * `resolve` follows indirect references.
 */
export function decodeStream(
  dict: PdfDict,
  data: Uint8Array,
  budget: ByteBudget,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
  cap = Number.POSITIVE_INFINITY,
): Decoded {
  const filters = asList(resolve(dict.get("Filter")), resolve);
  const parms = asList(resolve(dict.get("DecodeParms")), resolve);
  let current = data;
  for (let i = 0; i < filters.length; i++) {
    const filter = filters[i];
    if (!(filter instanceof PdfName)) return corrupt("a filter that is not a name");
    const parm = parms[i];
    const options = parm instanceof PdfDict ? parm : null;
    if (IMAGE_CODECS.has(filter.name)) {
      if (i !== filters.length - 1) corrupt("an image codec before another filter");
      return { data: current, imageCodec: filter.name };
    }
    const stage = { left: Math.min(budget.left, cap) };
    const before = stage.left;
    current = decodeOne(filter.name, current, options, stage, resolve);
    budget.left -= before - stage.left;
  }
  return { data: current, imageCodec: null };
}

function asList(
  value: PdfValue | undefined,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): PdfValue[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => resolve(item) ?? null);
  return [value];
}

function decodeOne(
  filter: string,
  data: Uint8Array,
  parms: PdfDict | null,
  budget: ByteBudget,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): Uint8Array {
  let out: Uint8Array;
  switch (filter) {
    case "FlateDecode":
    case "Fl":
      out = inflate(data, budget);
      break;
    case "LZWDecode":
    case "LZW": {
      const early = resolve(parms?.get("EarlyChange"));
      out = lzw(data, early === 0 ? 0 : 1, budget);
      break;
    }
    case "ASCIIHexDecode":
    case "AHx":
      out = charge(asciiHex(data), budget);
      break;
    case "ASCII85Decode":
    case "A85":
      out = charge(ascii85(data), budget);
      break;
    case "RunLengthDecode":
    case "RL":
      out = runLength(data, budget);
      break;
    case "Crypt":
      return corrupt("a Crypt filter in a file without encryption");
    default:
      return corrupt(`an unknown filter (${filter.slice(0, 32)})`);
  }
  return parms && (filter === "FlateDecode" || filter === "Fl" || filter === "LZWDecode" || filter === "LZW")
    ? unpredict(out, parms, resolve)
    : out;
}

function charge(data: Uint8Array, budget: ByteBudget): Uint8Array {
  budget.left -= data.byteLength;
  if (budget.left < 0) overBudget("streams decode to more bytes than a sheet ever holds");
  return data;
}

function inflate(data: Uint8Array, budget: ByteBudget): Uint8Array {
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = inflateSync(data, { maxOutputLength: Math.max(1, budget.left + 1), info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      return overBudget("a Flate stream inflates to more bytes than a sheet ever holds");
    }
    // the worker ran out of memory: not a verdict on the stream (the cage answers too_large)
    if (error instanceof RangeError) throw error;
    return corrupt("a Flate stream that fails its checksum or ends early");
  }
  // bytes after the end of the zlib data: only the line end some writers count in /Length
  for (let i = result.engine.bytesWritten; i < data.byteLength; i++) {
    if (!isWhite(data[i])) corrupt("bytes after the end of a Flate stream");
  }
  return charge(result.buffer, budget);
}

function lzw(data: Uint8Array, earlyChange: 0 | 1, budget: ByteBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let out = new Uint8Array(4096);
  let used = 0;
  const emit = (bytes: Uint8Array) => {
    produced += bytes.byteLength;
    if (produced > budget.left) overBudget("an LZW stream decodes to more bytes than a sheet ever holds");
    if (used + bytes.byteLength > out.byteLength) {
      chunks.push(out.subarray(0, used));
      out = new Uint8Array(Math.max(4096, bytes.byteLength));
      used = 0;
    }
    out.set(bytes, used);
    used += bytes.byteLength;
  };
  const table: Uint8Array[] = [];
  const reset = () => {
    table.length = 0;
    for (let i = 0; i < 256; i++) table.push(Uint8Array.of(i));
    table.push(new Uint8Array(), new Uint8Array()); // 256 clear, 257 end
  };
  reset();
  let width = 9;
  let previous: Uint8Array | null = null;
  let bitBuffer = 0;
  let bits = 0;
  for (let i = 0; i < data.byteLength; ) {
    while (bits < width && i < data.byteLength) {
      bitBuffer = ((bitBuffer << 8) | data[i++]!) >>> 0;
      bits += 8;
    }
    if (bits < width) break;
    const code = (bitBuffer >>> (bits - width)) & ((1 << width) - 1);
    bits -= width;
    bitBuffer &= (1 << bits) - 1;
    if (code === 256) {
      reset();
      width = 9;
      previous = null;
      continue;
    }
    if (code === 257) break;
    let entry: Uint8Array;
    if (code < table.length) entry = table[code]!;
    else if (code === table.length && previous) entry = concat(previous, previous[0]!);
    else return corrupt("an LZW code that is not in the table");
    emit(entry);
    if (previous && table.length < 4096) table.push(concat(previous, entry[0]!));
    previous = entry;
    const next = table.length + earlyChange;
    width = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
  }
  chunks.push(out.subarray(0, used));
  const result = Buffer.concat(chunks);
  return charge(result, budget);
}

function concat(prefix: Uint8Array, last: number): Uint8Array {
  const joined = new Uint8Array(prefix.byteLength + 1);
  joined.set(prefix);
  joined[prefix.byteLength] = last;
  return joined;
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let high = -1;
  for (const byte of data) {
    if (byte === 0x3e) break;
    if (isWhite(byte)) continue;
    const value = Number.parseInt(String.fromCharCode(byte), 16);
    if (Number.isNaN(value)) corrupt("a non-hex character in an ASCIIHex stream");
    if (high < 0) high = value;
    else {
      out.push(high * 16 + value);
      high = -1;
    }
  }
  if (high >= 0) out.push(high * 16);
  return Uint8Array.from(out);
}

function ascii85(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  const flush = (count: number) => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    if (value > 0xffffffff) corrupt("an ASCII85 group out of range");
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, count));
    group.length = 0;
  };
  let i = 0;
  if (data[0] === 0x3c && data[1] === 0x7e) i = 2; // an optional <~
  for (; i < data.byteLength; i++) {
    const byte = data[i]!;
    if (byte === 0x7e) break; // ~>
    if (isWhite(byte)) continue;
    if (byte === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (byte < 0x21 || byte > 0x75) corrupt("a character outside ASCII85");
    group.push(byte - 0x21);
    if (group.length === 5) flush(4);
  }
  if (group.length === 1) corrupt("an ASCII85 stream that ends in the middle of a group");
  if (group.length > 0) flush(group.length - 1);
  return Uint8Array.from(out);
}

function runLength(data: Uint8Array, budget: ByteBudget): Uint8Array {
  let out = new Uint8Array(Math.min(budget.left, Math.max(1024, data.byteLength * 4)));
  let used = 0;
  const room = (bytes: number) => {
    if (used + bytes > budget.left)
      overBudget("a run-length stream decodes to more bytes than a sheet ever holds");
    if (used + bytes <= out.byteLength) return;
    const grown = new Uint8Array(Math.min(budget.left, Math.max(out.byteLength * 2, used + bytes)));
    grown.set(out.subarray(0, used));
    out = grown;
  };
  for (let i = 0; i < data.byteLength; ) {
    const length = data[i++]!;
    if (length === 128) break;
    if (length < 128) {
      room(length + 1);
      out.set(data.subarray(i, i + length + 1), used);
      used += Math.min(length + 1, data.byteLength - i);
      i += length + 1;
    } else {
      room(257 - length);
      out.fill(data[i] ?? 0, used, used + 257 - length);
      used += 257 - length;
      i++;
    }
  }
  return charge(out.subarray(0, used), budget);
}

/** PNG (≥ 10) and TIFF (2) predictors after Flate or LZW. */
function unpredict(
  data: Uint8Array,
  parms: PdfDict,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): Uint8Array {
  const int = (key: string, fallback: number) => {
    const value = resolve(parms.get(key));
    return typeof value === "number" && Number.isInteger(value) ? value : fallback;
  };
  const predictor = int("Predictor", 1);
  if (predictor === 1) return data;
  const colors = int("Colors", 1);
  const bitsPerComponent = int("BitsPerComponent", 8);
  const columns = int("Columns", 1);
  if (
    colors < 1 ||
    colors > 32 ||
    columns < 1 ||
    columns > 1 << 20 ||
    ![1, 2, 4, 8, 16].includes(bitsPerComponent)
  )
    corrupt("predictor parameters out of range");
  const pixelBytes = Math.max(1, (colors * bitsPerComponent) >> 3);
  const rowBytes = (colors * bitsPerComponent * columns + 7) >> 3;
  if (predictor === 2) return tiffPredictor(data, rowBytes, pixelBytes, bitsPerComponent);
  if (predictor < 10 || predictor > 15) return corrupt("an unknown predictor");
  const rows = Math.floor(data.byteLength / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)]!;
    const src = row * (rowBytes + 1) + 1;
    const dst = row * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i]!;
      const left = i >= pixelBytes ? out[dst + i - pixelBytes]! : 0;
      const up = row > 0 ? out[dst - rowBytes + i]! : 0;
      const upLeft = row > 0 && i >= pixelBytes ? out[dst - rowBytes + i - pixelBytes]! : 0;
      let value: number;
      switch (type) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          return corrupt("an unknown PNG row filter");
      }
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

function tiffPredictor(data: Uint8Array, rowBytes: number, pixelBytes: number, bits: number): Uint8Array {
  if (bits !== 8) return data; // pdf.js handles other depths; nothing here depends on the pixel values
  const out = Uint8Array.from(data);
  for (let row = 0; row + rowBytes <= out.byteLength; row += rowBytes) {
    for (let i = pixelBytes; i < rowBytes; i++)
      out[row + i] = (out[row + i]! + out[row + i - pixelBytes]!) & 0xff;
  }
  return out;
}

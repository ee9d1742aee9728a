// The hostile corpus: 300+ files made at test time (never committed) from the committed fixtures and from
// scratch — decompression bombs, deep nesting, broken cross-references, page-count lies, font and CMap
// bombs, image-only pages, truncated and bit-flipped sheets, ZIP wrappers, polyglots, encryption,
// JavaScript, huge dimensions. Each file says what a correct extractor may answer.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream, PDFString, StandardFonts } from "pdf-lib";
import { SCAN_ERROR_CODES, type ScanErrorCode, type ScanRecord } from "../../src/domain/scan-record.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { seededRandom } from "../fixtures/random.ts";
import { type Body, flate, onePage, stream, writePdf, zeroBomb } from "./pdf-writer.ts";

export type Expectation =
  /** refused, with one of these codes */
  | { refuse: ScanErrorCode[] }
  /** the sheet is intact (or damaged): read exactly as the fixture says, or refused with any code */
  | { sheet: ScanRecord }
  /** an intact sheet that must be read (a cover page in front of it, a harmless script) */
  | { read: ScanRecord };

export interface HostileFile {
  name: string;
  kind: string;
  bytes: Uint8Array;
  expect: Expectation;
}

export interface Fixture {
  name: string;
  bytes: Uint8Array;
  /** the record of a sheet fixture; null for a fixture that is refused */
  record: ScanRecord | null;
}

export function committedFixtures(): Fixture[] {
  const files = readdirSync(SCANS_DIR);
  return files
    .filter((file) => file.endsWith(".pdf"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.pdf$/, "");
      const expected = files.includes(`${name}.expected.json`)
        ? (JSON.parse(readFileSync(join(SCANS_DIR, `${name}.expected.json`), "utf8")) as ScanRecord)
        : null;
      return { name, bytes: new Uint8Array(readFileSync(join(SCANS_DIR, file))), record: expected };
    });
}

const ANY: ScanErrorCode[] = [...SCAN_ERROR_CODES];
const refuse = (...codes: ScanErrorCode[]): Expectation => ({ refuse: codes });
const latin1 = (text: string) => Buffer.from(text, "latin1");
const pdf = (...args: Parameters<typeof onePage>) => writePdf(onePage(...args));
const text = (lines: string[]) =>
  `BT /F1 10 Tf 40 800 Td ${lines.map((line) => `(${line}) Tj 0 -14 Td`).join(" ")} ET`;
/** a page that is clearly not a scan: readable text, no Evolt sheet */
const PLAIN = text(["Hello from the front desk", "Opening hours 6:00 - 22:00", "See you at the gym"]);

/** Bit flips at seeded positions: what a bad download or a broken disk does. */
export function flipBytes(bytes: Uint8Array, flips: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const copy = bytes.slice();
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(random() * copy.byteLength);
    copy[at] = copy[at]! ^ (1 << Math.floor(random() * 8));
  }
  return copy;
}

/** The same document with every stream stored uncompressed: flips then reach the printed digits directly. */
export async function uncompressedCopy(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Filter")) === undefined) continue;
    const decoded = decodePDFRawStream(object).decode();
    const dict = object.dict.clone(doc.context);
    dict.delete(PDFName.of("Filter"));
    dict.delete(PDFName.of("DecodeParms"));
    doc.context.assign(ref, PDFRawStream.of(dict, decoded));
  }
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** A stored (uncompressed) or deflated ZIP holding one file. */
function zipOf(name: string, data: Uint8Array, deflate: boolean): Uint8Array {
  const body = deflate ? deflateRawSync(data) : data;
  const nameBytes = latin1(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(deflate ? 8 : 0, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(body.byteLength, 18);
  local.writeUInt32LE(data.byteLength, 22);
  local.writeUInt16LE(nameBytes.byteLength, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(deflate ? 8 : 0, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(body.byteLength, 20);
  central.writeUInt32LE(data.byteLength, 24);
  central.writeUInt16LE(nameBytes.byteLength, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.byteLength, 12);
  end.writeUInt32LE(30 + nameBytes.byteLength + body.byteLength, 16);
  return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function withCoverPages(sheet: Uint8Array, before: number, after: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sheet, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const cover = (index: number, label: string) => {
    const page = doc.insertPage(index, [595.28, 841.89]);
    page.drawText(label, { x: 60, y: 760, size: 18, font });
    page.drawText("Your results from the scanner follow.", { x: 60, y: 730, size: 11, font });
  };
  for (let i = 0; i < before; i++) cover(i, `EXAMPLE FITNESS - welcome pack, page ${i + 1}`);
  for (let i = 0; i < after; i++) cover(doc.getPageCount(), `Notes page ${i + 1}`);
  return doc.save({ updateFieldAppearances: false });
}

async function withBlankCover(sheet: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sheet, { updateMetadata: false });
  doc.insertPage(0, [595.28, 841.89]);
  return doc.save({ updateFieldAppearances: false });
}

/** An incremental update, as an editor saving in place writes it: a new object and a table whose /Prev is the old one. */
function withIncrementalUpdate(sheet: Uint8Array): Uint8Array {
  const text = Buffer.from(sheet).toString("latin1");
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1];
  const object = `\n99 0 obj\n<< /Producer (an editor) >>\nendobj\n`;
  const objectAt = sheet.byteLength + 1;
  const xrefAt = sheet.byteLength + object.length;
  const update = `${object}xref\n0 1\n0000000000 65535 f \n99 1\n${String(objectAt).padStart(10, "0")} 00000 n \ntrailer\n<< /Size 100 /Root ${root} /Prev ${previous} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([sheet, latin1(update)]);
}

async function withScript(sheet: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sheet, { updateMetadata: false });
  const action = doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert('hello');") });
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(action));
  return doc.save({ updateFieldAppearances: false });
}

// ── from scratch ─────────────────────────────────────────────────────────────────────────────────────────

function bombs(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, codes: ScanErrorCode[] = ["too_large"]) =>
    files.push({ name, kind: "decompression bomb", bytes, expect: refuse(...codes) });
  const flateTwice = (megabytes: number) => flate(zeroBomb(megabytes));
  // content streams that inflate to 128 MiB … 4 GiB (the 8 KB file of the issue is the 4 GiB one)
  add("content-128MiB", pdf(zeroBomb(128), { compress: false, contentDict: "/Filter /FlateDecode" }));
  for (const megabytes of [1024, 4096]) {
    add(
      `content-${megabytes}MiB-flate-twice`,
      pdf(flateTwice(megabytes), { compress: false, contentDict: "/Filter [/FlateDecode /FlateDecode]" }),
    );
  }
  add(
    "content-1GiB-hex-of-flate",
    pdf(Buffer.from(flateTwice(1024)).toString("hex"), {
      compress: false,
      contentDict: "/Filter [/ASCIIHexDecode /FlateDecode /FlateDecode]",
    }),
  );
  // the same bombs where no page draws them: an unused object must not be a way round the check
  add(
    "unused-object-1GiB",
    pdf(PLAIN, { extra: new Map([[9, stream("/Filter [/FlateDecode /FlateDecode]", flateTwice(1024))]]) }),
  );
  add(
    "font-program-1GiB",
    pdf(text(["hi"]), {
      extra: new Map<number, Body>([
        [5, "<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FontDescriptor 6 0 R >>"],
        [6, "<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontFile2 7 0 R >>"],
        [7, stream("/Filter [/FlateDecode /FlateDecode]", flateTwice(1024))],
      ]),
    }),
  );
  add(
    "image-1GiB",
    pdf("q 100 0 0 100 0 0 cm /Im1 Do Q", {
      resources: "/XObject << /Im1 9 0 R >>",
      extra: new Map([
        [
          9,
          stream(
            "/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode]",
            flateTwice(1024),
          ),
        ],
      ]),
    }),
  );
  add(
    "object-stream-1GiB",
    pdf(PLAIN, {
      extra: new Map([
        [9, stream("/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", flateTwice(1024))],
      ]),
    }),
  );
  const runs = new Uint8Array(40_000);
  for (let i = 0; i < runs.length; i += 2) runs.set([129, 0], i);
  add(
    "run-length-2MiB-x30",
    pdf(PLAIN, {
      extra: new Map(Array.from({ length: 30 }, (_, i) => [9 + i, stream("/Filter /RunLengthDecode", runs)])),
    }),
  );
  // forms drawn inside forms, 10 uses at each of 6 levels: a million draws of a small form
  const forms = new Map<number, Body>();
  for (let level = 0; level < 6; level++) {
    const draws = level === 5 ? text(["x"]) : Array.from({ length: 10 }, () => `/F${level + 1} Do`).join(" ");
    forms.set(
      10 + level,
      stream(
        `/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 5 0 R >> /XObject << /F${level + 1} ${11 + level} 0 R >> >>`,
        draws,
      ),
    );
  }
  add("forms-million-draws", pdf("/F0 Do", { resources: "/XObject << /F0 10 0 R >>", extra: forms }));
  return files;
}

function nesting(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, codes: ScanErrorCode[]) =>
    files.push({ name, kind: "nesting", bytes, expect: refuse(...codes) });
  for (const depth of [29, 100, 10_000, 100_000]) {
    add(`q-${depth}-deep`, pdf(`${"q ".repeat(depth)}${PLAIN}${" Q".repeat(depth)}`), ["too_large"]);
  }
  // 28 levels is PDF's own limit: still a readable page (not a sheet)
  add("q-28-deep", pdf(`${"q ".repeat(28)}${PLAIN}${" Q".repeat(28)}`), ["not_evolt_report"]);
  for (const depth of [33, 1000, 100_000]) {
    add(
      `array-${depth}-deep`,
      pdf(PLAIN, { extra: new Map([[9, `${"[".repeat(depth)}1${"]".repeat(depth)}`]]) }),
      ["too_large"],
    );
    add(
      `dict-${depth}-deep`,
      pdf(PLAIN, { extra: new Map([[9, `${"<< /A ".repeat(depth)}1${" >>".repeat(depth)}`]]) }),
      ["too_large"],
    );
  }
  add("content-array-100000-deep", pdf(`${"[".repeat(100_000)}(x)${"]".repeat(100_000)} TJ ${PLAIN}`), [
    "too_large",
  ]);
  add(
    "form-draws-itself",
    pdf("/Fm Do", {
      resources: "/XObject << /Fm 9 0 R >>",
      extra: new Map([
        [
          9,
          stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /Fm 9 0 R >> >>",
            "/Fm Do",
          ),
        ],
      ]),
    }),
    ["corrupt_pdf"],
  );
  add("page-tree-contains-itself", pdf(PLAIN, { pages: "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>" }), [
    "corrupt_pdf",
  ]);
  const chain = new Map<number, Body>(Array.from({ length: 20 }, (_, i) => [10 + i, `${11 + i} 0 R`]));
  chain.set(4, "10 0 R");
  chain.set(30, stream("/Filter /FlateDecode", flate(PLAIN)));
  add("contents-behind-20-references", pdf(PLAIN, { extra: chain }), ["corrupt_pdf"]);
  return files;
}

function manyItems(): HostileFile[] {
  const files: HostileFile[] = [];
  const numbers = (count: number, perLine = 25) => {
    const parts = ["BT /F1 6 Tf"];
    for (let i = 0; i < count; i++) {
      const x = 20 + (i % perLine) * 22;
      const y = 820 - (Math.floor(i / perLine) % 130) * 6;
      parts.push(`1 0 0 1 ${x} ${y} Tm (${(i % 997) / 10}) Tj`);
    }
    parts.push("ET");
    return parts.join("\n");
  };
  for (const count of [60_000, 100_000]) {
    files.push({
      name: `numbers-${count}`,
      kind: "many items",
      bytes: pdf(numbers(count)),
      expect: refuse("too_large"),
    });
  }
  // enough to pass the operator budget: the reader's own cap (or the text budget) decides
  for (const count of [5_000, 25_000]) {
    files.push({
      name: `numbers-${count}-with-title`,
      kind: "many items",
      bytes: pdf(`BT /F1 14 Tf 190 809 Td (YOUR EVOLT 360 BODY SCAN) Tj ET\n${numbers(count)}`),
      expect: refuse("unsupported_layout", "too_large"),
    });
  }
  const spaced = `BT /F1 8 Tf 20 400 Td [${Array.from({ length: 40_000 }, () => "(7) -3000").join(" ")}] TJ ET`;
  // pdf.js drops what falls off the page: both verdicts are stable
  files.push({
    name: "tj-40000-parts",
    kind: "many items",
    bytes: pdf(spaced),
    expect: refuse("too_large", "not_evolt_report"),
  });
  const huge = `BT /F1 8 Tf 20 400 Td (${"9".repeat(3_000_000)}) Tj ET`;
  files.push({
    name: "string-3M-chars",
    kind: "many items",
    bytes: pdf(huge),
    expect: refuse("too_large", "not_evolt_report"),
  });
  files.push({
    name: "operators-600000",
    kind: "many items",
    bytes: pdf(`${"0 0 m ".repeat(600_000)}${PLAIN}`),
    expect: refuse("too_large"),
  });
  return files;
}

function crossReferences(): HostileFile[] {
  const files: HostileFile[] = [];
  const base = onePage(PLAIN);
  const add = (name: string, bytes: Uint8Array, codes: ScanErrorCode[] = ["corrupt_pdf"]) =>
    files.push({ name, kind: "cross-reference", bytes, expect: refuse(...codes) });
  const shifted = (by: number, only?: number) => (offsets: Map<number, number>) =>
    new Map(
      [...offsets].map(([num, offset]) => [num, only === undefined || only === num ? offset + by : offset]),
    );
  add("offsets-plus-one", writePdf({ ...base, xref: shifted(1) }));
  add("offsets-minus-three", writePdf({ ...base, xref: shifted(-3) }));
  add("content-offset-wrong", writePdf({ ...base, xref: shifted(7, 4) }));
  add(
    "offsets-swapped",
    writePdf({
      ...base,
      xref: (offsets) =>
        new Map([...offsets].map(([num, offset]) => [num === 3 ? 5 : num === 5 ? 3 : num, offset])),
    }),
  );
  add("no-xref", writePdf({ ...base, xref: () => null }));
  add("startxref-past-end", writePdf({ ...base, startxref: () => 99_999_999 }));
  add("startxref-at-zero", writePdf({ ...base, startxref: () => 0 }));
  add("startxref-negative", writePdf({ ...base, startxref: () => -20 }));
  add("startxref-not-a-number", writePdf({ ...base, startxref: () => "abc" }));
  add("startxref-into-an-object", writePdf({ ...base, startxref: (real) => real - 40 }));
  add("prev-points-at-itself", writePdf({ ...base, trailer: "/Prev 0", startxref: (real) => real }).slice(), [
    "corrupt_pdf",
  ]);
  {
    // a table whose /Prev is its own offset
    const first = writePdf(base);
    const at = Buffer.from(first).lastIndexOf("xref");
    add("prev-loop", writePdf({ ...base, trailer: `/Prev ${at}` }));
  }
  add("size-huge", writePdf({ ...base, trailer: "/Size 999999999" }), ["corrupt_pdf", "not_evolt_report"]);
  const noRoot = onePage(PLAIN);
  add("root-missing", writePdf({ ...noRoot, root: 77 }));
  const wrongLength = onePage(PLAIN, {
    extra: new Map([[4, stream("/Filter /FlateDecode", flate(PLAIN), { length: 5 })]]),
  });
  add("length-too-short", writePdf(wrongLength));
  const longLength = onePage(PLAIN, {
    extra: new Map([[4, stream("/Filter /FlateDecode", flate(PLAIN), { length: 99_999 })]]),
  });
  add("length-past-end", writePdf(longLength));
  const selfLength = onePage(PLAIN, {
    extra: new Map([
      [
        4,
        Buffer.concat([
          latin1("<< /Filter /FlateDecode /Length 4 0 R >>\nstream\n"),
          flate(PLAIN),
          latin1("\nendstream"),
        ]),
      ],
    ]),
  });
  add("length-refers-to-itself", writePdf(selfLength));
  const badObjStm = onePage(PLAIN, {
    extra: new Map([[9, stream("/Type /ObjStm /N 5 /First 2 /Filter /FlateDecode", flate("1 0 2 x"))]]),
  });
  // no object lives in it, so no reader opens it
  add("object-stream-bad-header", writePdf(badObjStm), ["corrupt_pdf", "not_evolt_report"]);
  add("unknown-filter", pdf(PLAIN, { compress: false, contentDict: "/Filter /RotDecode" }));
  add(
    "flate-checksum",
    pdf(
      Buffer.from(flate(PLAIN)).map((byte, i, all) => (i === all.length - 1 ? byte ^ 0x55 : byte)),
      { compress: false, contentDict: "/Filter /FlateDecode" },
    ),
  );
  add(
    "flate-truncated",
    pdf(flate(PLAIN).subarray(0, 20), { compress: false, contentDict: "/Filter /FlateDecode" }),
  );
  add(
    "flate-raw-no-header",
    pdf(deflateRawSync(latin1(PLAIN)), { compress: false, contentDict: "/Filter /FlateDecode" }),
  );
  add(
    "flate-trailing-garbage",
    pdf(Buffer.concat([flate(PLAIN), latin1("GARBAGE")]), {
      compress: false,
      contentDict: "/Filter /FlateDecode",
    }),
  );
  add("inline-image-without-EI", pdf(`BI /W 4 /H 4 /BPC 8 /CS /G ID ${"x".repeat(64)}`));
  add("string-unterminated", pdf(`BT /F1 10 Tf 50 700 Td (never closed Tj ET`, { compress: false }));
  add("garbage-after-header", Buffer.concat([latin1("%PDF-1.7\n"), Buffer.alloc(3000, 0x41)]));
  add("only-a-header", latin1("%PDF-1.4\n%%EOF\n"));
  return files;
}

function pagesAndSizes(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, codes: ScanErrorCode[]) =>
    files.push({ name, kind: "pages and sizes", bytes, expect: refuse(...codes) });
  add("count-a-million", pdf(PLAIN, { pages: "<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>" }), [
    "corrupt_pdf",
  ]);
  add("count-zero", pdf(PLAIN, { pages: "<< /Type /Pages /Kids [3 0 R] /Count 0 >>" }), ["corrupt_pdf"]);
  add("no-kids", pdf(PLAIN, { pages: "<< /Type /Pages /Count 1 >>" }), ["corrupt_pdf"]);
  const many = (count: number) => {
    const extra = new Map<number, Body>();
    const kids: string[] = ["3 0 R"];
    for (let i = 0; i < count - 1; i++) {
      extra.set(
        100 + i,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      );
      kids.push(`${100 + i} 0 R`);
    }
    return pdf(PLAIN, { pages: `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${count} >>`, extra });
  };
  add("pages-5", many(5), ["too_large"]);
  add("pages-2000", many(2000), ["too_large"]);
  add("media-box-a-million", pdf(PLAIN, { page: "/MediaBox [0 0 1000000 1000000]" }), ["too_large"]);
  add("media-box-missing-numbers", pdf(PLAIN, { page: "/MediaBox [0 0 /A /B]" }), ["corrupt_pdf"]);
  add(
    "image-100000x100000",
    pdf("q 595 0 0 842 0 0 cm /Im1 Do Q", {
      resources: "/XObject << /Im1 9 0 R >>",
      extra: new Map([
        [
          9,
          stream(
            "/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
            flate(new Uint8Array(300)),
          ),
        ],
      ]),
    }),
    ["too_large"],
  );
  add(
    "inline-image-30000x30000",
    pdf("q 100 0 0 100 0 0 cm BI /W 30000 /H 30000 /BPC 8 /CS /G ID xxxx EI Q"),
    ["too_large"],
  );
  add(
    "sampled-function-huge",
    pdf(PLAIN, {
      extra: new Map([
        [
          9,
          stream(
            "/FunctionType 0 /Domain [0 1 0 1] /Range [0 1 0 1 0 1] /Size [100000 100000] /BitsPerSample 8",
            "x",
          ),
        ],
      ]),
    }),
    ["too_large"],
  );
  add("text-matrix-1e30", pdf(`BT /F1 10 Tf 1e30 0 0 1e30 0 0 Tm (64.3) Tj ET`), ["corrupt_pdf"]);
  add("font-size-huge", pdf(`BT /F1 99999999999 Tf 50 700 Td (YOUR EVOLT 360 BODY SCAN) Tj ET`), [
    "unsupported_layout",
    "not_evolt_report",
    "no_text_layer",
  ]);
  // a page that holds only a picture of a sheet: no text layer (issue 13 will read these with OCR)
  const gray = new Uint8Array(200 * 280).fill(200);
  add(
    "image-only-page",
    pdf("q 555 0 0 800 20 20 cm /Im1 Do Q", {
      resources: "/XObject << /Im1 9 0 R >>",
      extra: new Map([
        [
          9,
          stream(
            "/Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
            flate(gray),
          ),
        ],
      ]),
    }),
    ["no_text_layer"],
  );
  add(
    "image-only-jpeg-garbage",
    pdf("q 555 0 0 800 20 20 cm /Im1 Do Q", {
      resources: "/XObject << /Im1 9 0 R >>",
      extra: new Map([
        [
          9,
          stream(
            "/Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
            "\xff\xd8\xff not really a jpeg",
          ),
        ],
      ]),
    }),
    ["no_text_layer", "corrupt_pdf"],
  );
  add("empty-page", pdf(""), ["no_text_layer"]);
  return files;
}

function fontsAndMaps(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, codes: ScanErrorCode[]) =>
    files.push({ name, kind: "fonts and CMaps", bytes, expect: refuse(...codes) });
  const type0 = (cmap: string, encoding = "/Identity-H") =>
    pdf("BT /F1 12 Tf 50 700 Td <0001000200030004> Tj ET", {
      extra: new Map<number, Body>([
        [
          5,
          `<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding ${encoding} /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>`,
        ],
        [
          6,
          "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
        ],
        [
          7,
          "<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ],
        [8, stream("/Filter /FlateDecode", flate(cmap))],
      ]),
    });
  const cmap = (body: string) =>
    `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def 1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n${body}\nendcmap CMapName currentdict /CMap defineresource pop end end`;
  const ranges = (count: number) =>
    `${count} beginbfrange\n${Array.from({ length: count }, (_, i) => `<${(i * 0x01000000).toString(16).padStart(8, "0")}> <${(i * 0x01000000 + 0xfffffe).toString(16).padStart(8, "0")}> <0041>`).join("\n")}\nendbfrange`;
  add("cmap-bfrange-16M-x8", type0(cmap(ranges(8))), ["too_large"]);
  add("cmap-bfrange-16M-x100", type0(cmap(ranges(100))), ["too_large"]);
  add(
    "cmap-cidrange-bomb-encoding",
    pdf("BT /F1 12 Tf 50 700 Td <00010002> Tj ET", {
      extra: new Map<number, Body>([
        [5, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding 8 0 R /DescendantFonts [6 0 R] >>"],
        [
          6,
          "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        ],
        [
          8,
          stream(
            "/Type /CMap /CMapName /Bomb /Filter /FlateDecode",
            flate(
              `begincmap 4 begincidrange <00000000> <00FFFFFF> 0 <01000000> <01FFFFFF> 0 <02000000> <02FFFFFF> 0 <03000000> <03FFFFFF> 0 endcidrange endcmap`,
            ),
          ),
        ],
      ]),
    }),
    ["too_large"],
  );
  add(
    "font-program-garbage",
    pdf(text(["YOUR EVOLT 360 BODY SCAN"]), {
      extra: new Map<number, Body>([
        [
          5,
          "<< /Type /Font /Subtype /TrueType /BaseFont /Junk /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>",
        ],
        [
          6,
          "<< /Type /FontDescriptor /FontName /Junk /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
        ],
        [7, stream("/Filter /FlateDecode", flate(Buffer.alloc(5000, 0xab)))],
      ]),
    }),
    ["not_evolt_report", "corrupt_pdf", "unsupported_layout"],
  );
  add(
    "font-program-20MiB",
    pdf(text(["hello"]), {
      extra: new Map<number, Body>([
        [5, "<< /Type /Font /Subtype /TrueType /BaseFont /Big /FontDescriptor 6 0 R >>"],
        [6, "<< /Type /FontDescriptor /FontName /Big /Flags 32 /FontFile2 7 0 R >>"],
        [7, stream("/Filter /FlateDecode", zeroBomb(20))],
      ]),
    }),
    ["too_large"],
  );
  add(
    "type3-glyph-draws-itself",
    pdf("BT /F1 12 Tf 50 700 Td (a) Tj ET", {
      extra: new Map<number, Body>([
        [
          5,
          "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 10 10] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 6 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << /XObject << /G 7 0 R >> >> >>",
        ],
        [6, stream("", "1000 0 d0 /G Do")],
        [
          7,
          stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /G 7 0 R >> >>",
            "/G Do",
          ),
        ],
      ]),
    }),
    ["corrupt_pdf"],
  );
  return files;
}

// ── from the committed fixtures ──────────────────────────────────────────────────────────────────────────

const expectationOf = (fixture: Fixture): Expectation =>
  fixture.record ? { sheet: fixture.record } : refuse(...ANY);

function truncated(fixtures: Fixture[]): HostileFile[] {
  const files: HostileFile[] = [];
  for (const fixture of fixtures.filter((f, i) => f.record !== null && i % 5 === 0)) {
    for (const share of [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99]) {
      const cut = Math.max(1, Math.floor(fixture.bytes.byteLength * share));
      files.push({
        name: `${fixture.name}-cut-${Math.round(share * 100)}pct`,
        kind: "truncated",
        bytes: fixture.bytes.slice(0, cut),
        expect: refuse("corrupt_pdf", "not_pdf"),
      });
    }
    files.push({
      name: `${fixture.name}-cut-eof-marker`,
      kind: "truncated",
      bytes: fixture.bytes.slice(0, fixture.bytes.byteLength - 6),
      expect: expectationOf(fixture),
    });
  }
  return files;
}

function flipped(fixtures: Fixture[], count: number, seed: number): HostileFile[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const fixture = fixtures[i % fixtures.length]!;
    const flips = 1 + Math.floor(random() * 100);
    return {
      name: `${fixture.name}-flip-${flips}-s${i}`,
      kind: "flipped bytes",
      bytes: flipBytes(fixture.bytes, flips, seed * 1000 + i),
      expect: expectationOf(fixture),
    };
  });
}

function wrapped(sheet: Fixture): HostileFile[] {
  const bytes = sheet.bytes;
  const junk = (length: number, byte: number) => new Uint8Array(length).fill(byte);
  const after = (head: Uint8Array) => Buffer.concat([head, bytes]);
  return [
    {
      name: "zip-stored",
      kind: "ZIP and polyglots",
      bytes: zipOf("scan.pdf", bytes, false),
      expect: refuse("not_pdf"),
    },
    {
      name: "zip-deflated",
      kind: "ZIP and polyglots",
      bytes: zipOf("scan.pdf", bytes, true),
      expect: refuse("not_pdf"),
    },
    {
      name: "zip-stored-long-name",
      kind: "ZIP and polyglots",
      bytes: zipOf(`${"x".repeat(900)}.pdf`, bytes, false),
      expect: refuse("not_pdf"),
    },
    {
      name: "png-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...junk(40, 0))),
      expect: refuse("not_pdf"),
    },
    {
      name: "jpeg-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, ...junk(60, 0x11))),
      expect: refuse("not_pdf"),
    },
    {
      name: "gif-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(latin1("GIF89a\x01\x00\x01\x00")),
      expect: refuse("not_pdf"),
    },
    {
      name: "html-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(latin1("<html><body>scan</body></html>\n")),
      expect: { sheet: sheet.record! },
    },
    {
      name: "junk-2000-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(junk(2000, 0x20)),
      expect: refuse("not_pdf"),
    },
    {
      name: "junk-100-then-pdf",
      kind: "ZIP and polyglots",
      bytes: after(junk(100, 0x0a)),
      expect: { read: sheet.record! },
    },
    {
      name: "pdf-then-zip",
      kind: "ZIP and polyglots",
      bytes: Buffer.concat([bytes, zipOf("other.txt", latin1("hello"), false)]),
      expect: { sheet: sheet.record! },
    },
    {
      name: "pdf-then-junk",
      kind: "ZIP and polyglots",
      bytes: Buffer.concat([bytes, junk(5000, 0x41)]),
      expect: { sheet: sheet.record! },
    },
  ];
}

function encrypted(): HostileFile[] {
  const dicts = [
    "<< /Filter /Standard /V 1 /R 2 /Length 40 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /P -44 >>",
    "<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <00> /U <00> /P -1 >>",
    "<< /Filter /Unknown >>",
  ];
  return dicts.map((dict, i) => ({
    name: `encrypt-${i}`,
    kind: "encrypted",
    bytes: writePdf({
      ...onePage(PLAIN),
      trailer: "/Encrypt 9 0 R /ID [<00112233> <00112233>]",
      objects: new Map([...onePage(PLAIN).objects, [9, dict]]),
    }),
    expect: refuse("encrypted_pdf"),
  }));
}

/** Every kind, deterministic for a seed: about 320 files. */
export async function hostileCorpus(seed = 18): Promise<HostileFile[]> {
  const fixtures = committedFixtures();
  const sheets = fixtures.filter((fixture) => fixture.record !== null);
  const alex = sheets.find((fixture) => fixture.name === "example-alex-metric")!;
  const imperial = sheets.find((fixture) => fixture.name === "example-alex-imperial")!;
  const derived: HostileFile[] = [
    ...truncated(fixtures),
    ...flipped(fixtures, 160, seed),
    ...wrapped(alex),
    {
      name: "cover-then-sheet",
      kind: "cover pages",
      bytes: await withCoverPages(alex.bytes, 1, 0),
      expect: { read: alex.record! },
    },
    {
      name: "two-covers-then-sheet",
      kind: "cover pages",
      bytes: await withCoverPages(imperial.bytes, 2, 1),
      expect: { read: imperial.record! },
    },
    {
      name: "blank-cover-then-sheet",
      kind: "cover pages",
      bytes: await withBlankCover(alex.bytes),
      expect: { read: alex.record! },
    },
    {
      name: "sheet-then-notes",
      kind: "cover pages",
      bytes: await withCoverPages(alex.bytes, 0, 3),
      expect: { read: alex.record! },
    },
    {
      name: "four-covers-then-sheet",
      kind: "cover pages",
      bytes: await withCoverPages(alex.bytes, 4, 0),
      expect: refuse("too_large"),
    },
    {
      name: "javascript-open-action",
      kind: "scripts",
      bytes: await withScript(alex.bytes),
      expect: { read: alex.record! },
    },
    {
      name: "javascript-imperial",
      kind: "scripts",
      bytes: await withScript(imperial.bytes),
      expect: { read: imperial.record! },
    },
    {
      name: "uncompressed-copy",
      kind: "re-saved",
      bytes: await uncompressedCopy(alex.bytes),
      expect: { read: alex.record! },
    },
    {
      name: "incremental-update",
      kind: "re-saved",
      bytes: withIncrementalUpdate(alex.bytes),
      expect: { read: alex.record! },
    },
    {
      name: "incremental-update-of-uncompressed",
      kind: "re-saved",
      bytes: withIncrementalUpdate(await uncompressedCopy(imperial.bytes)),
      expect: { read: imperial.record! },
    },
  ];
  return [
    ...bombs(),
    ...nesting(),
    ...manyItems(),
    ...crossReferences(),
    ...pagesAndSizes(),
    ...fontsAndMaps(),
    ...encrypted(),
    ...derived,
  ];
}

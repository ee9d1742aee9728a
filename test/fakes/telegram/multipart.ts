/**
 * A small multipart/form-data parser. Written by hand because grammY's encoder writes headers the way
 * Telegram accepts but browsers don't (`content-disposition:form-data;name="x";filename=a b.png`, no spaces,
 * unquoted file names), and every file part is declared `application/octet-stream`.
 */
export interface MultipartFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, MultipartFile>;
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const fields: Record<string, string> = {};
  const files: Record<string, MultipartFile> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw new Error("multipart body without boundary");
  for (;;) {
    let start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break; // closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), start);
    if (next < 0) throw new Error("unterminated multipart body");
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headerText = headerEnd < 0 ? part.toString("utf8") : part.subarray(0, headerEnd).toString("utf8");
    const content = headerEnd < 0 ? Buffer.alloc(0) : part.subarray(headerEnd + 4);
    const headers = new Map<string, string>();
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const name =
      /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /(?:^|;)\s*name=([^;]*)/i.exec(disposition)?.[1];
    const filename = filenameOf(disposition);
    if (name !== undefined) {
      if (filename !== undefined) {
        files[name] = {
          filename,
          contentType: headers.get("content-type") ?? "application/octet-stream",
          bytes: Buffer.from(content),
        };
      } else {
        fields[name] = content.toString("utf8");
      }
    }
    position = next + 2;
  }
  return { fields, files };
}

function filenameOf(disposition: string): string | undefined {
  const extended = /filename\*=(?:UTF-8|utf-8)''([^;]*)/.exec(disposition)?.[1];
  if (extended !== undefined) return decodeURIComponent(extended);
  const quoted = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  if (quoted !== undefined) return quoted;
  // grammY writes the file name last and unquoted, so it may contain spaces or even semicolons.
  return /(?:^|;)\s*filename=(.*)$/i.exec(disposition)?.[1]?.trim();
}

// Downloads a document the member sent: getFile, then a plain fetch from <apiRoot>/file/bot<token>/<path>
// (the files plugin only speaks https, and a self-hosted Bot API server may not).
import type { Api } from "grammy";

/** The Bot API refuses downloads above 20 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export class DownloadError extends Error {
  override name = "DownloadError";
}

export async function downloadFile(
  api: Api,
  apiRoot: string,
  token: string,
  fileId: string,
): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new DownloadError("getFile returned no file_path");
  const path = file.file_path.split("/").map(encodeURIComponent).join("/");
  let response: Response;
  try {
    response = await fetch(`${apiRoot}/file/bot${token}/${path}`, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // the fetch error would quote the URL, and with it the token
    throw new DownloadError(`file download failed (${(error as Error).name})`);
  }
  if (!response.ok) throw new DownloadError(`file download answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

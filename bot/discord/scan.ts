// Pieces the two scan paths share (/scan and a PDF attached to a message): download, buttons, files.
import { ActionRowBuilder, type Attachment, AttachmentBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import { namedLikeImage } from "../../src/domain/image-bytes.ts";
import { NAME_MISMATCH_BUTTONS } from "../replies/scan.ts";

/** Larger files cannot be an Evolt sheet (one page, well under 1 MB); TOO_BIG explains. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

export function looksLikePdf(a: Pick<Attachment, "name" | "contentType">): boolean {
  return (a.contentType ?? "").toLowerCase().includes("pdf") || a.name.toLowerCase().endsWith(".pdf");
}

/** A photo of the sheet: handed to the core like a PDF; its extractor decides what it can read. */
export function looksLikeImage(a: Pick<Attachment, "name" | "contentType">): boolean {
  return namedLikeImage(a.contentType, a.name);
}

/** A stalled CDN must not leave a deferred reply "thinking…" until the interaction expires. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

export async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`attachment download failed with HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function pngFile(bytes: Buffer, name: string): AttachmentBuilder {
  return new AttachmentBuilder(bytes, { name });
}

/** `own:<scanReportId>:y|n` — only the sender may answer (the use-case checks the owner). */
export function ownershipButtons(scanReportId: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`own:${scanReportId}:y`)
      .setLabel(NAME_MISMATCH_BUTTONS.mine)
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(`own:${scanReportId}:n`)
      .setLabel(NAME_MISMATCH_BUTTONS.notMine)
      .setStyle(ButtonStyle.Danger),
  );
}

export function parseOwnershipId(customId: string): { scanReportId: number; mine: boolean } | null {
  const match = /^own:(\d+):(y|n)$/.exec(customId);
  return match ? { scanReportId: Number(match[1]), mine: match[2] === "y" } : null;
}

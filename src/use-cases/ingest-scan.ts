// The one path every scan takes — chat, CLI and reprocess: keep the raw file, extract, append to bronze,
// run the pipeline, and return what a reply needs.
import { createHash } from "node:crypto";
import type { Sql } from "postgres";
import type { ProgressRow } from "../db/queries/gold.ts";
import * as gold from "../db/queries/gold.ts";
import * as people from "../db/queries/people.ts";
import * as photoReads from "../db/queries/photo-reads.ts";
import * as scans from "../db/queries/scans.ts";
import { ExtractorBusyError } from "../domain/extractor-busy.ts";
import { imageFormatOf } from "../domain/image-bytes.ts";
import type { Units } from "../domain/metrics.ts";
import type { GoalView, Milestone, NoiseThreshold } from "../domain/progress.ts";
import { milestonesFor } from "../domain/progress.ts";
import {
  type ScanErrorCode,
  type ScanRecord,
  ScanRejectedError,
  type ScanWarning,
} from "../domain/scan-record.ts";
import type { Logger } from "../log.ts";
import { correctRecord } from "./photo-read-record.ts";
import { PHOTO_READ_TTL_MS, type PhotoRead, photoReadView } from "./photo-read-view.ts";
import type { Clock, PublishedPort, ScanExtractor } from "./ports.ts";

/**
 * Bytes above this are not kept and not read: the file is recorded by its sha256, size, name and type with
 * the code `too_large` (chat platforms stop far below it; the extractor's own limit is lower still).
 */
export const MAX_KEPT_BYTES = 25 * 1024 * 1024;

export interface IngestDeps {
  sql: Sql;
  log: Logger;
  /**
   * Reads a file in the extraction cage. `key` (the member) keeps one member's files from delaying another's;
   * throws ExtractorBusyError when the cage's queue is full (the raw file is kept: read it again later).
   */
  extractor: ScanExtractor;
  runPipeline(memberIds: number[]): Promise<unknown>;
  /** told after the models published the members' new rows (the Sheet mirror follows) */
  published: PublishedPort;
  now: Clock;
}

export interface IngestInput {
  bytes: Uint8Array;
  fileName: string | null;
  mimeType: string | null;
  platform: string;
  /** who sent it; ignored when memberId is given (CLI backfill) */
  sender?: people.IdentityInput;
  memberId?: number;
  /** the group chat it was sent in, if any */
  group?: people.ChatInput | null;
  groupId?: number | null;
  chatId?: string | null;
  messageId?: string | null;
  /** where the group hears about a photo scan once it is saved, when not the chat itself (a Discord channel) */
  replyChatId?: string | null;
  /** a photo read the member saved (with their corrections): recorded as it is, not read again */
  confirmedRecord?: ScanRecord;
}

export interface AcceptedScan {
  kind: "accepted";
  memberId: number;
  memberName: string;
  /** how the member wants masses shown */
  units: Units;
  groupId: number | null;
  scanReportId: number;
  scanId: string;
  record: ScanRecord;
  /** the member's scans in time order, this one included */
  history: ProgressRow[];
  current: ProgressRow;
  previous: ProgressRow | null;
  baseline: ProgressRow | null;
  goals: GoalView[];
  milestones: Milestone[];
  noise: NoiseThreshold[];
  /** the sheet shows another name than the member's earlier sheets */
  nameMismatch: { printed: string; usual: string } | null;
  warnings: ScanWarning[];
}

/** Steps 1–3 done (raw kept, extracted, appended to bronze); the models have not run yet. */
export interface RecordedScan {
  kind: "recorded";
  member: people.MemberRow;
  groupId: number | null;
  scanReportId: number;
  record: ScanRecord;
}

export type IngestOutcome =
  | AcceptedScan
  | {
      kind: "duplicate";
      reason: "same_file" | "same_scan";
      memberId: number;
      /** the earlier copy belongs to another member */
      ownedByOther: boolean;
      scanId: string | null;
      scannedAt: string | null;
    }
  | { kind: "rejected"; memberId: number; code: ScanErrorCode }
  /**
   * Read from a photo (or an image-only PDF): nothing is recorded until the member confirms. In chat the read
   * waits for Save (`again`: this image or printed scan was already waiting); a backfill has nobody to ask.
   */
  | { kind: "needs_confirmation"; memberId: number; read: PhotoRead | null; again: boolean }
  /** the cage's queue is full: the raw file is kept, unread; read it again later (ExtractorBusyError) */
  | {
      kind: "busy";
      memberId: number;
      groupId: number | null;
      sha256: string;
      reason: ExtractorBusyError["reason"];
    };

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function createIngestScan(deps: IngestDeps) {
  const { sql, log } = deps;
  const { parserVersion } = deps.extractor;
  /**
   * Reports this process recorded but could not publish (the transform failed): sending the file again
   * publishes it instead of being told "already have it". After a crash the start-up catch-up publishes them.
   */
  const unpublished = new Set<number>();

  /** The whole path: record, transform, describe. */
  async function ingestScan(input: IngestInput): Promise<IngestOutcome> {
    const recorded = await recordScan(input, { holdPhotoReads: true });
    if (recorded.kind !== "recorded") return recorded;
    // 4. transform
    try {
      await deps.runPipeline([recorded.member.id]);
      unpublished.delete(recorded.scanReportId);
    } catch (error) {
      unpublished.add(recorded.scanReportId);
      throw error;
    }
    await deps.published([recorded.member.id]);
    // 5. what the reply needs
    return describeAcceptedScan(sql, {
      member: recorded.member,
      groupId: recorded.groupId,
      reportId: recorded.scanReportId,
      record: recorded.record,
    });
  }

  /**
   * Backfill: records every file first, then runs the models once for all the members touched —
   * a thousand historical scans need one transform, not a thousand.
   */
  async function backfillScans(
    inputs: AsyncIterable<IngestInput> | Iterable<IngestInput>,
    onEach?: (outcome: RecordedScan | Exclude<IngestOutcome, AcceptedScan | { kind: "busy" }>) => void,
  ): Promise<void> {
    const members = new Set<number>();
    for await (const input of inputs) {
      const outcome = await recordScan(input, { holdPhotoReads: false });
      // a backfill waits for room in the cage; a cage that closes or cannot start stops it
      if (outcome.kind === "busy") throw new ExtractorBusyError(String(outcome.memberId), outcome.reason);
      if (outcome.kind === "recorded") members.add(outcome.member.id);
      onEach?.(outcome);
    }
    if (members.size === 0) return;
    await deps.runPipeline([...members]);
    await deps.published([...members]);
  }

  return { ingestScan, backfillScans };

  async function recordScan(
    input: IngestInput,
    options: { holdPhotoReads: boolean },
  ): Promise<RecordedScan | Exclude<IngestOutcome, AcceptedScan>> {
    const member =
      input.memberId !== undefined
        ? await people.getMember(sql, input.memberId)
        : input.sender
          ? await people.resolveMember(sql, input.sender)
          : null;
    if (!member) throw new Error("ingest needs a sender or an existing member id");
    let groupId = input.groupId ?? null;
    if (input.group) groupId = (await people.resolveGroup(sql, input.group, deps.now())).id;

    const hash = sha256(input.bytes);
    const source: scans.ScanSource = {
      memberId: member.id,
      platform: input.platform,
      chatId: input.chatId ?? null,
      messageId: input.messageId ?? null,
      groupId,
    };
    // a picture the member has not confirmed stays out of bronze (and a photo that is no sheet is not kept)
    const unconfirmedImage = imageFormatOf(input.bytes) !== null && !input.confirmedRecord;
    // 1. raw first, with its sender: whatever happens next, the file a member sent is kept — and /forget
    // finds it, read or not
    const oversized = input.bytes.byteLength > MAX_KEPT_BYTES;
    const storedRaw =
      !unconfirmedImage &&
      (await scans.storeRawFile(
        sql,
        { sha256: hash, bytes: input.bytes, fileName: input.fileName, mimeType: input.mimeType },
        source,
        { keepBytes: !oversized },
      ));
    const rejected = async (code: ScanErrorCode): Promise<Exclude<IngestOutcome, AcceptedScan>> => {
      if (!unconfirmedImage) {
        await scans.appendScanReport(sql, {
          sha256: hash,
          parserVersion,
          source,
          outcome: { status: "rejected", errorCode: code },
        });
      }
      log.info({ code, platform: input.platform }, "scan rejected");
      return { kind: "rejected", memberId: member.id, code };
    };
    const recorded = async (reportId: number, record: ScanRecord): Promise<RecordedScan> => {
      // only a scan makes someone part of a group's board and summary, not any file dropped in the chat
      if (groupId !== null) await people.ensureMembership(sql, groupId, member.id);
      return { kind: "recorded", member, groupId, scanReportId: reportId, record };
    };

    const known = await scans.reportForFile(sql, hash, parserVersion, member.id);
    // the same message handled again (its first handling was interrupted, or it was read later) picks up
    // where that one stopped instead of being told "already have it"
    if (known && (unpublished.has(known.id) || sameMessage(known, input))) {
      const record = await scans.reportPayload(sql, known.id);
      if (record) return recorded(known.id, record);
    }
    if (known) return duplicateOfFile(known, member.id);
    const other = await scans.otherOwnerOfFile(sql, hash, parserVersion, member.id);
    if (other) return duplicateOfFile(other, member.id);
    if (oversized) return rejected("too_large");
    if (!input.confirmedRecord) {
      const waiting = await photoReads.openPhotoReadOfFile(sql, member.id, hash, deps.now());
      if (waiting)
        return {
          kind: "needs_confirmation",
          memberId: member.id,
          read: photoReadView(waiting, member.units),
          again: true,
        };
    }

    // 2. extract
    let record: ScanRecord;
    try {
      record =
        input.confirmedRecord ??
        (await deps.extractor.extract(input.bytes, {
          key: String(member.id),
          waitForRoom: unconfirmedImage,
        }));
    } catch (caught) {
      // not a verdict on the file: it stays in raw_files unread, for a later attempt
      if (caught instanceof ExtractorBusyError) {
        // an unsaved picture is not kept, so it cannot be read later: only a closing or broken cage gets here
        if (unconfirmedImage) throw caught;
        log.info({ platform: input.platform, reason: caught.reason }, "the cage is busy; the file waits");
        return { kind: "busy", memberId: member.id, groupId, sha256: hash, reason: caught.reason };
      }
      // a crash of the reader on an odd sheet is recorded like any unreadable layout, so the file is
      // re-read by `pump reprocess` after a fix and deleted by /forget
      const code: ScanErrorCode = caught instanceof ScanRejectedError ? caught.code : "unsupported_layout";
      if (!(caught instanceof ScanRejectedError))
        log.error({ err: caught }, "the extractor failed on a file");
      return rejected(code);
    }

    if (record.source === "image" && !input.confirmedRecord) {
      if (storedRaw) await scans.dropUnreportedRawFile(sql, hash);
      return holdPhotoRead(input, member, groupId, hash, record, options.holdPhotoReads);
    }

    // 3. record — the unique indexes settle races between concurrent ingests of the same file or scan
    // (a PDF always prints its time; a photo is saved only once its date was read or typed)
    const scannedAt = record.scanned_at;
    if (scannedAt === null) throw new Error("a scan without its printed time cannot be recorded");
    const sameScanFromLinked = await scans.mergedMemberHasScanAt(sql, member.id, scannedAt, parserVersion);
    const reportId = sameScanFromLinked
      ? null
      : await scans.appendScanReport(sql, {
          sha256: hash,
          parserVersion,
          source,
          outcome: { status: "accepted", record },
        });
    if (reportId === null) {
      const sameFile = await scans.reportForFile(sql, hash, parserVersion, member.id);
      if (sameFile) return duplicateOfFile(sameFile, member.id);
      return duplicateOfScan(member.id, scannedAt);
    }

    return recorded(reportId, record);
  }

  /** A photo read waits for the member's Save, outside bronze; the same printed scan is not asked twice. */
  async function holdPhotoRead(
    input: IngestInput,
    member: people.MemberRow,
    groupId: number | null,
    hash: string,
    record: ScanRecord,
    hold: boolean,
  ): Promise<Exclude<IngestOutcome, AcceptedScan>> {
    if (record.scanned_at && (await scans.hasAcceptedScanAt(sql, member.id, record.scanned_at)))
      return duplicateOfScan(member.id, record.scanned_at);
    if (!hold) return { kind: "needs_confirmation", memberId: member.id, read: null, again: false };
    const now = deps.now();
    // with nothing typed yet, a read value that breaks a sum is let go of, never a conflict
    const checked = correctRecord(record, { values: [], scannedAt: null }, []);
    const { row, created } = await photoReads.storePhotoRead(sql, {
      memberId: member.id,
      sha256: hash,
      bytes: input.bytes,
      fileName: input.fileName,
      mimeType: input.mimeType,
      record: checked.kind === "ok" ? checked.record : record,
      platform: input.platform,
      chatId: input.chatId ?? null,
      replyChatId: input.replyChatId ?? input.chatId ?? null,
      messageId: input.messageId ?? null,
      groupId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PHOTO_READ_TTL_MS),
    });
    log.info({ platform: input.platform, again: !created }, "photo read waits for the member");
    return {
      kind: "needs_confirmation",
      memberId: member.id,
      read: photoReadView(row, member.units),
      again: !created,
    };
  }

  /** The member already has this printed scan (another file of it: an export, a photo of the sheet). */
  async function duplicateOfScan(
    memberId: number,
    scannedAt: string,
  ): Promise<Exclude<IngestOutcome, AcceptedScan>> {
    return {
      kind: "duplicate",
      reason: "same_scan",
      memberId,
      ownedByOther: false,
      scanId: await gold.scanIdAt(sql, memberId, scannedAt),
      scannedAt,
    };
  }

  async function duplicateOfFile(
    known: scans.ExistingReport,
    memberId: number,
  ): Promise<Exclude<IngestOutcome, AcceptedScan>> {
    if (known.status === "rejected") {
      return { kind: "rejected", memberId, code: known.errorCode as ScanErrorCode };
    }
    return {
      kind: "duplicate",
      reason: "same_file",
      memberId,
      ownedByOther: known.memberId !== memberId,
      scanId: known.scannedAt ? await gold.scanIdAt(sql, known.memberId, known.scannedAt) : null,
      scannedAt: known.scannedAt,
    };
  }
}

/**
 * The reply to an accepted report that was published earlier (read later, or by `pump reprocess`); null
 * while the models have not published it yet, or when it is no longer accepted.
 */
export async function describeReport(sql: Sql, scanReportId: number): Promise<AcceptedScan | null> {
  const report = await scans.acceptedReport(sql, scanReportId);
  if (!report) return null;
  const member = await people.getMember(sql, report.memberId);
  const scannedAt = report.record.scanned_at;
  if (!member || scannedAt === null || !(await gold.scanIdAt(sql, member.id, scannedAt))) return null;
  return describeAcceptedScan(sql, {
    member,
    groupId: report.groupId,
    reportId: scanReportId,
    record: report.record,
  });
}

function sameMessage(known: scans.OwnReport, input: IngestInput): boolean {
  return (
    input.chatId != null &&
    input.messageId != null &&
    known.sourcePlatform === input.platform &&
    known.sourceChatId === input.chatId &&
    known.sourceMessageId === input.messageId
  );
}

async function describeAcceptedScan(
  sql: Sql,
  input: { member: people.MemberRow; groupId: number | null; reportId: number; record: ScanRecord },
): Promise<AcceptedScan> {
  const { record } = input;
  const memberId = input.member.id;
  const [history, goals, noise, names] = await Promise.all([
    gold.memberProgress(sql, memberId),
    gold.goalStatus(sql, memberId),
    gold.noiseThresholds(sql),
    scans.printedNames(sql, memberId, input.reportId),
  ]);
  if (record.scanned_at === null) throw new Error("an accepted scan always has its printed time");
  const scanId = (await gold.scanIdAt(sql, memberId, record.scanned_at))!;
  const index = history.findIndex((row) => row.scanId === scanId);
  const current = history[index]!;
  const printed = record.subject.name;
  const normalise = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();
  const nameMismatch =
    printed && names.length > 0 && !names.some((n) => normalise(n) === normalise(printed))
      ? { printed, usual: names[0]! }
      : null;
  return {
    kind: "accepted",
    memberId,
    memberName: input.member.displayName,
    units: input.member.units,
    groupId: input.groupId,
    scanReportId: input.reportId,
    scanId,
    record,
    history,
    current,
    previous: index > 0 ? history[index - 1]! : null,
    baseline: index > 0 ? history[0]! : null,
    goals,
    milestones: milestonesFor({ history: history.slice(0, index + 1), noise, goals, latestScanId: scanId }),
    noise,
    nameMismatch,
    warnings: record.warnings,
  };
}

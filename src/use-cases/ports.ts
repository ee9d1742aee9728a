// What the use-cases need from the outside world, as plain interfaces the composition root fills
// (src/compose-core.ts): the extractor, the chart renderer, the clock and the "published" signal. The
// data port is the `sql` handle together with the queries of src/db/queries/: no SQL anywhere else.
import type { ScanRecord } from "../domain/scan-record.ts";
import type {
  ChallengePodiumInput,
  LeaderboardChartInput,
  ProgressChartInput,
  SegmentChartInput,
  WeeklySummaryChartInput,
} from "./chart-inputs.ts";

/** Reads a member's file into the canonical record (src/extract/ implements it). */
export interface ScanExtractor {
  /** stored with every report; a new version makes `pump reprocess` read each file again */
  readonly parserVersion: string;
  /** loads what the first read would otherwise wait for (pdf.js) */
  warmUp(): Promise<void>;
  /**
   * The record, or a ScanRejectedError with the verdict's code. `key` names whose file it is (the member),
   * so an extractor that queues can keep one member's files from delaying another's. `waitForRoom`: a file
   * that is not kept (a photo before the member saved its read) cannot be read later, so it waits its turn
   * rather than being refused as busy.
   */
  extract(bytes: Uint8Array, context: { key: string; waitForRoom?: boolean }): Promise<ScanRecord>;
  /** frees what it holds (workers, pdf.js); the core calls it when it closes */
  close?(): Promise<void>;
}

/** Draws the charts replies and summaries carry (src/charts/ implements it). */
export interface ChartRenderer {
  progress(input: ProgressChartInput): Promise<Buffer>;
  leaderboard(input: LeaderboardChartInput): Promise<Buffer>;
  segments(input: SegmentChartInput): Promise<Buffer>;
  weeklySummary(input: WeeklySummaryChartInput): Promise<Buffer>;
  challengePodium(input: ChallengePodiumInput): Promise<Buffer>;
}

export type CsvCell = string | number | boolean;

/**
 * Rows as CSV text (src/sheets/csv.ts): a text cell a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR first) is neutralised.
 */
export type CsvWriter = (rows: readonly (readonly CsvCell[])[]) => string;

/** The time now; "last 30 days", summaries and reminders follow it. */
export type Clock = () => Date;

/**
 * Gold changed for these members (a scan was published, a member hid, voided a scan or was forgotten): the
 * Sheet mirror follows. Must not throw; a lost signal is repaired by the mirror's reconcile.
 */
export type PublishedPort = (memberIds: number[]) => Promise<void>;

/** Who did something, as a chat platform knows them. */
export interface Actor {
  platform: string;
  userId: string;
  displayName: string;
  username?: string | null;
}

/** Where it happened: a private chat with the bot, or a group (Telegram group, Discord server). */
export type Place =
  | { kind: "private"; platform: string; chatId: string }
  | { kind: "group"; platform: string; chatId: string; title: string };

/**
 * A group's leaderboard as it stood at `at`, counting only scans printed before `scansBefore` (local time,
 * "YYYY-MM-DDTHH:MM"): a summary posted late ranks the week it summarises, not what came after.
 */
export type BoardAsOf = (input: {
  groupId: number;
  period: string;
  metric: string;
  at: Date;
  scansBefore: string;
}) => Promise<{ memberId: number; rank: number }[]>;

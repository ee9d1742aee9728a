// The use-cases as the chat bots see them: every call names who (Actor) and where (Place); results are
// plain data (and PNG buffers) that bot/replies turns into words.
import type { Sql } from "postgres";
import * as gold from "../db/queries/gold.ts";
import * as people from "../db/queries/people.ts";
import { scanReportOwner, voidScanReport } from "../db/queries/scans.ts";
import type { Units } from "../domain/metrics.ts";
import type { Logger } from "../log.ts";
import { exportScansCsv } from "./export-scans.ts";
import {
  defaultBoardPeriod,
  type LeaderboardView,
  leaderboardChartInput,
  loadLeaderboard,
} from "./get-leaderboard.ts";
import { loadProgress, type ProgressView, progressChartInput, segmentChartInput } from "./get-progress.ts";
import { changeGroupSetting, type SettingResult } from "./group-settings.ts";
import type { IngestInput, IngestOutcome } from "./ingest-scan.ts";
import { type SetGoalResult, setGoal } from "./member-settings.ts";
import {
  BOARD_PERIODS,
  type BoardMetric,
  type BoardPeriod,
  PROGRESS_PERIODS,
  type ProgressPeriod,
  parseBoardMetric,
  parsePeriod,
} from "./periods.ts";
import type { Actor, ChartRenderer, Place } from "./ports.ts";

export interface ServicesDeps {
  sql: Sql;
  log: Logger;
  charts: ChartRenderer;
  ingestScan(input: IngestInput): Promise<IngestOutcome>;
  runPipeline(memberIds: number[], fullRefresh?: boolean): Promise<unknown>;
  /** the Sheet mirror must follow a change of these members' rows */
  onMembersChanged?(memberIds: number[]): Promise<void>;
  now(): Date;
}

export type ScanReply =
  | (Extract<IngestOutcome, { kind: "accepted" }> & {
      units: Units;
      memberName: string;
      /** full-detail progress chart, for a private chat */
      chart: Buffer | null;
    })
  | Exclude<IngestOutcome, { kind: "accepted" }>;

export type ProgressResult =
  | { kind: "no_scans" }
  | { kind: "bad_period"; word: string }
  | { kind: "ok"; view: ProgressView; chart: Buffer; segmentsChart: Buffer | null; focus: string | null };

export type LeaderboardResult =
  | { kind: "not_a_group" }
  | { kind: "bad_metric"; word: string }
  | { kind: "bad_period"; word: string }
  | { kind: "ok"; view: LeaderboardView; chart: Buffer | null };

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: ServicesDeps) {
  const { sql } = deps;
  const member = (actor: Actor) => people.resolveMember(sql, actor);
  const group = (place: Place) =>
    place.kind === "group"
      ? people.resolveGroup(sql, { platform: place.platform, chatId: place.chatId, title: place.title })
      : null;
  const today = () => deps.now().toISOString().slice(0, 10);
  const membersChanged = async (ids: number[]) => {
    await deps.runPipeline(ids);
    await deps.onMembersChanged?.(ids);
  };

  return {
    async ingestScan(input: {
      actor: Actor;
      place: Place;
      bytes: Uint8Array;
      fileName: string | null;
      mimeType: string | null;
      messageId: string | null;
      withChart?: boolean;
    }): Promise<ScanReply> {
      const outcome = await deps.ingestScan({
        bytes: input.bytes,
        fileName: input.fileName,
        mimeType: input.mimeType,
        platform: input.actor.platform,
        sender: input.actor,
        group:
          input.place.kind === "group"
            ? { platform: input.place.platform, chatId: input.place.chatId, title: input.place.title }
            : null,
        chatId: input.place.chatId,
        messageId: input.messageId,
      });
      if (outcome.kind !== "accepted") return outcome;
      const m = (await people.getMember(sql, outcome.memberId))!;
      let chart: Buffer | null = null;
      if (input.withChart !== false) {
        const view = await loadProgress(
          sql,
          { id: m.id, displayName: m.displayName, units: m.units },
          "all",
          today(),
        );
        if (view) chart = await deps.charts.progress(progressChartInput(view));
      }
      return { ...outcome, units: m.units, memberName: m.displayName, chart };
    },

    async progress(input: {
      actor: Actor;
      periodWord?: string;
      metricWord?: string;
    }): Promise<ProgressResult> {
      const m = await member(input.actor);
      const words = [input.metricWord, input.periodWord].filter((w): w is string => Boolean(w));
      let period: ProgressPeriod = "all";
      let focus: string | null = null;
      for (const word of words) {
        const p = parsePeriod(word);
        if (p && (PROGRESS_PERIODS as readonly string[]).includes(p)) period = p as ProgressPeriod;
        else if (/^seg/i.test(word) || /^balance$/i.test(word)) focus = "segments";
        else if (!p) focus = word;
        else return { kind: "bad_period", word };
      }
      const view = await loadProgress(
        sql,
        { id: m.id, displayName: m.displayName, units: m.units },
        period,
        today(),
      );
      if (!view) return { kind: "no_scans" };
      const chart = await deps.charts.progress(progressChartInput(view));
      const segmentInput = focus === "segments" ? await segmentChartInput(sql, view) : null;
      const segmentsChart = segmentInput ? await deps.charts.segments(segmentInput) : null;
      return { kind: "ok", view, chart, segmentsChart, focus };
    },

    async leaderboard(input: {
      place: Place;
      metricWord?: string;
      periodWord?: string;
    }): Promise<LeaderboardResult> {
      const g = await group(input.place);
      if (!g) return { kind: "not_a_group" };
      let metric = (parseBoardMetric(g.leaderboardMetric) ?? "composite") as BoardMetric;
      let period: BoardPeriod = defaultBoardPeriod(g);
      for (const word of [input.metricWord, input.periodWord].filter((w): w is string => Boolean(w))) {
        const asMetric = parseBoardMetric(word);
        const asPeriod = parsePeriod(word);
        if (asMetric) metric = asMetric;
        else if (asPeriod && (BOARD_PERIODS as readonly string[]).includes(asPeriod))
          period = asPeriod as BoardPeriod;
        else if (asPeriod) return { kind: "bad_period", word };
        else return { kind: "bad_metric", word };
      }
      if (period === "challenge" && !g.challengeStart) period = "all";
      const view = await loadLeaderboard(sql, g, metric, period);
      const chart = view.rows.length > 0 ? await deps.charts.leaderboard(leaderboardChartInput(view)) : null;
      return { kind: "ok", view, chart };
    },

    async setGoal(input: { actor: Actor; metricWord?: string; targetText?: string }): Promise<SetGoalResult> {
      const m = await member(input.actor);
      const result = await setGoal(sql, m, input.metricWord, input.targetText);
      if (result.kind !== "invalid") await deps.runPipeline([m.id]);
      return result;
    },

    async setUnits(input: {
      actor: Actor;
      unitsWord?: string;
    }): Promise<{ kind: "set"; units: Units } | { kind: "invalid" }> {
      const word = input.unitsWord?.trim().toLowerCase();
      const units = word === "kg" || word === "kgs" ? "kg" : word === "lb" || word === "lbs" ? "lb" : null;
      if (!units) return { kind: "invalid" };
      const m = await member(input.actor);
      await people.setUnits(sql, m.id, units);
      return { kind: "set", units };
    },

    async setReminders(input: { actor: Actor; on: boolean }): Promise<void> {
      const m = await member(input.actor);
      await people.setReminders(sql, m.id, input.on);
    },

    async setVisibility(input: {
      actor: Actor;
      place: Place;
      hidden: boolean;
    }): Promise<{ kind: "not_a_group" } | { kind: "done"; hidden: boolean }> {
      const g = await group(input.place);
      if (!g) return { kind: "not_a_group" };
      const m = await member(input.actor);
      await people.setHidden(sql, g.id, m.id, input.hidden);
      await membersChanged([m.id]);
      return { kind: "done", hidden: input.hidden };
    },

    async exportCsv(input: { actor: Actor }): Promise<{ csv: string; scans: number; fileName: string }> {
      const m = await member(input.actor);
      const { csv, scans } = await exportScansCsv(sql, m.id);
      return { csv, scans, fileName: `ronald-pump-scans-${today()}.csv` };
    },

    /** Deletes everything about the member: raw files, records, derived rows, Sheet rows (via the mirror). */
    async forget(input: { actor: Actor }): Promise<{ scans: number; rawFiles: number }> {
      const m = await people.findMemberByIdentity(sql, input.actor.platform, input.actor.userId);
      if (!m) return { scans: 0, rawFiles: 0 };
      const deleted = await people.deleteMember(sql, m.id);
      await membersChanged([m.id]);
      deps.log.info({ memberId: m.id }, "member forgotten");
      return deleted;
    },

    async groupSettings(input: { place: Place }): Promise<people.GroupRow | null> {
      return group(input.place);
    },

    async changeGroupSetting(input: {
      place: Place;
      key: string;
      value: string;
    }): Promise<SettingResult | { kind: "not_a_group" }> {
      const g = await group(input.place);
      if (!g) return { kind: "not_a_group" };
      const result = await changeGroupSetting(sql, g, input.key, input.value);
      if (result.kind === "updated") await deps.runPipeline(await people.memberIdsOfGroup(sql, g.id));
      return result;
    },

    /** The member answers "is this scan yours?"; "no" removes it from their history. */
    async confirmScanOwner(input: {
      actor: Actor;
      scanReportId: number;
      mine: boolean;
    }): Promise<"kept" | "removed" | "not_yours_to_answer"> {
      const m = await member(input.actor);
      if ((await scanReportOwner(sql, input.scanReportId)) !== m.id) return "not_yours_to_answer";
      if (input.mine) return "kept";
      await voidScanReport(sql, input.scanReportId, "member said the sheet is not theirs");
      await membersChanged([m.id]);
      return "removed";
    },

    /** The member opened a private chat with the bot: from now on it may message them privately. */
    async startedPrivateChat(input: { actor: Actor }): Promise<{ name: string; scans: number }> {
      const m = await member(input.actor);
      await people.markCanMessagePrivately(sql, input.actor.platform, input.actor.userId, true);
      const history = await gold.memberProgress(sql, m.id);
      return { name: m.displayName, scans: history.length };
    },

    async cannotMessagePrivately(input: { actor: Actor }): Promise<void> {
      await people.markCanMessagePrivately(sql, input.actor.platform, input.actor.userId, false);
    },

    /** A chat got a new id on its platform (Telegram group → supergroup): the group keeps everything. */
    async groupChatMoved(input: { platform: string; fromChatId: string; toChatId: string }): Promise<void> {
      await people.moveGroupChat(sql, input.platform, input.fromChatId, input.toChatId);
    },

    /** True the first time a platform update is seen; false for a redelivery (handle it once). */
    async firstDelivery(platform: string, updateKey: string): Promise<boolean> {
      const rows = await sql`
        insert into app.processed_updates (platform, update_key) values (${platform}, ${updateKey})
        on conflict do nothing returning 1`;
      return rows.length > 0;
    },

    async memberOf(actor: Actor): Promise<people.MemberRow> {
      return member(actor);
    },
  };
}

// The use-cases as the chat bots call them. Only assembles: each action is its own file, and every call
// names who (Actor) and where (Place); results are codes and data that bot/replies turns into words.
import { answerConditions } from "./answer-conditions.ts";
import { askConditions } from "./ask-conditions.ts";
import { challengeHistory } from "./challenge-history.ts";
import { challengeStatus } from "./challenge-status.ts";
import { confirmScanOwner } from "./confirm-scan-owner.ts";
import type { ActionDeps } from "./deps.ts";
import { exportScans } from "./export-scans.ts";
import { firstDelivery } from "./first-delivery.ts";
import { askToFixPhotoRead, correctPhotoRead } from "./fix-photo-read.ts";
import { forgetMember, forgetReach } from "./forget-member.ts";

import { getLeaderboard } from "./get-leaderboard.ts";
import { getProgress } from "./get-progress.ts";
import { groupChatMoved } from "./group-chat-moved.ts";
import { changeGroupSetting, showGroupSettings } from "./group-settings.ts";
import { handleUpdateOnce } from "./handle-update-once.ts";
import type { IngestInput, IngestOutcome } from "./ingest-scan.ts";
import { joinChallenge } from "./join-challenge.ts";
import { linkAccounts } from "./link-accounts.ts";
import type { CsvWriter } from "./ports.ts";
import { cannotMessagePrivately, startedPrivateChat } from "./private-chat.ts";
import { receiveScan } from "./receive-scan.ts";
import { requestLinkCode } from "./request-link-code.ts";
import { savePhotoRead } from "./save-photo-read.ts";
import { setConditions } from "./set-conditions.ts";
import { setGoal } from "./set-goal.ts";
import { setReminders } from "./set-reminders.ts";
import { setUnits } from "./set-units.ts";
import { setVisibility } from "./set-visibility.ts";
import { startChallenge } from "./start-challenge.ts";
import { stopChallenge } from "./stop-challenge.ts";
import { chooseSummaryPlace, rememberScanPlace, showSummaryPlace } from "./summary-destination.ts";
import { unlinkAccount } from "./unlink-account.ts";
import { updateInbox } from "./update-inbox.ts";

export interface ServicesDeps extends ActionDeps {
  ingestScan(input: IngestInput): Promise<IngestOutcome>;
  /** /export's CSV writer */
  csv: CsvWriter;
}

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: ServicesDeps) {
  return {
    ingestScan: receiveScan(deps),
    progress: getProgress(deps),
    leaderboard: getLeaderboard(deps),
    setGoal: setGoal(deps),
    setUnits: setUnits(deps),
    setReminders: setReminders(deps),
    setVisibility: setVisibility(deps),
    exportCsv: exportScans(deps),
    forget: forgetMember(deps),
    forgetReach: forgetReach(deps),
    requestLinkCode: requestLinkCode(deps),
    linkAccounts: linkAccounts(deps),
    unlinkAccount: unlinkAccount(deps),
    groupSettings: showGroupSettings(deps),
    changeGroupSetting: changeGroupSetting(deps),
    confirmScanOwner: confirmScanOwner(deps),
    startedPrivateChat: startedPrivateChat(deps),
    cannotMessagePrivately: cannotMessagePrivately(deps),
    groupChatMoved: groupChatMoved(deps),
    firstDelivery: firstDelivery(deps),
    startChallenge: startChallenge(deps),
    challengeStatus: challengeStatus(deps),
    joinChallenge: joinChallenge(deps),
    stopChallenge: stopChallenge(deps),
    challengeHistory: challengeHistory(deps),
    askConditions: askConditions(deps),
    answerConditions: answerConditions(deps),
    setConditions: setConditions(deps),
    chooseSummaryPlace: chooseSummaryPlace(deps),
    showSummaryPlace: showSummaryPlace(deps),
    rememberScanPlace: rememberScanPlace(deps),
    savePhotoRead: savePhotoRead(deps),
    askToFixPhotoRead: askToFixPhotoRead(deps),
    correctPhotoRead: correctPhotoRead(deps),
    handleUpdateOnce: handleUpdateOnce(deps),
    updateInbox: updateInbox(deps),
  };
}

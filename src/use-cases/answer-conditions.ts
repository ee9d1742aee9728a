// One tap under the conditions question: stored with the scan (keyed by its stable scan_id), then the
// member's boards are rebuilt so a scan after training or at an unusual hour is marked there.
import {
  type ConditionsPatch,
  isMemberScan,
  type ScanFlags,
  saveConditions,
  scanFlags,
} from "../db/queries/conditions.ts";
import { type ActionDeps, memberOf } from "./deps.ts";

export type { ScanFlags } from "../db/queries/conditions.ts";

import type { Actor } from "./ports.ts";

export const CONDITION_ANSWERS = ["standard", "trained", "unusual_time", "fed"] as const;
export type ConditionAnswer = (typeof CONDITION_ANSWERS)[number];

const PATCHES: Record<ConditionAnswer, ConditionsPatch> = {
  standard: { fasted: true, trained: false, usualTime: true },
  trained: { trained: true },
  unusual_time: { usualTime: false },
  fed: { fasted: false },
};

export type AnswerConditionsResult =
  | { kind: "not_your_scan" }
  | { kind: "saved"; answer: ConditionAnswer; flags: ScanFlags };

export function answerConditions(deps: ActionDeps) {
  return async (input: {
    actor: Actor;
    scanId: string;
    answer: ConditionAnswer;
  }): Promise<AnswerConditionsResult> => {
    const member = await memberOf(deps.sql, input.actor);
    if (!(await isMemberScan(deps.sql, member.id, input.scanId))) return { kind: "not_your_scan" };
    await saveConditions(deps.sql, member.id, input.scanId, PATCHES[input.answer], deps.now());
    await deps.runPipeline([member.id]);
    return { kind: "saved", answer: input.answer, flags: await scanFlags(deps.sql, member.id, input.scanId) };
  };
}

export function parseConditionAnswer(word: string): ConditionAnswer | null {
  return (CONDITION_ANSWERS as readonly string[]).includes(word) ? (word as ConditionAnswer) : null;
}

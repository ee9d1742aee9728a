import { type ScanRecord, ScanRejectedError } from "../domain/scan-record.ts";
import type { PageContent } from "./page-content.ts";
import { type ItemRef, type ReadTrace, readSheet } from "./read-sheet.ts";

/** Why a sheet was read the way it was, or why it was refused (`pump parse --explain`). */
export interface Explanation {
  verdict: "read" | "refused";
  record: ScanRecord | null;
  code: string | null;
  message: string | null;
  /** the anchor or rule that failed, for a refused sheet */
  rule: string | null;
  steps: string[];
  fields: ReadTrace["fields"];
}

export function explainSheet(page: PageContent): Explanation {
  const trace: ReadTrace = { fields: {}, steps: [] };
  try {
    const record = readSheet(page, trace);
    return {
      verdict: "read",
      record,
      code: null,
      message: null,
      rule: null,
      steps: trace.steps,
      fields: trace.fields,
    };
  } catch (error) {
    if (!(error instanceof ScanRejectedError)) throw error;
    return refusedExplanation(error, trace.failure?.rule ?? ruleOfValues(error), trace);
  }
}

/** A refusal that happened before or after the layout reader (opening the PDF, the value checks). */
export function refusedExplanation(error: ScanRejectedError, rule: string, trace?: ReadTrace): Explanation {
  return {
    verdict: "refused",
    record: null,
    code: error.code,
    message: error.message,
    rule,
    steps: trace?.steps ?? [],
    fields: trace?.fields ?? {},
  };
}

function ruleOfValues(error: ScanRejectedError): string {
  return error.code === "implausible_values"
    ? "the values read break physiology or the sheet's own sums beyond tolerance (validate.ts)"
    : "the file could not be read as a sheet";
}

const at = (ref: ItemRef | null) => (ref ? `"${ref.text}" @ ${ref.x},${ref.y} size ${ref.size}` : "—");

/** The explanation as text for a person. */
export function formatExplanation(explanation: Explanation): string {
  const lines: string[] = [];
  if (explanation.verdict === "read") {
    const warnings = explanation.record?.warnings.map((warning) => warning.code) ?? [];
    lines.push(`verdict: read${warnings.length ? ` (warnings: ${warnings.join(", ")})` : ""}`);
  } else {
    lines.push(`verdict: refused as ${explanation.code}`);
    lines.push(`failed: ${explanation.rule}`);
  }
  if (explanation.steps.length > 0) {
    lines.push("", "steps:");
    for (const step of explanation.steps) lines.push(`  ${step}`);
  }
  const fields = Object.entries(explanation.fields);
  if (fields.length > 0) {
    lines.push("", "fields (label item → value item, text @ x,y size):");
    for (const [field, used] of fields) {
      const how = used.relation ?? used.note ?? "";
      lines.push(`  ${field.padEnd(30)} ${at(used.label)} → ${at(used.value)}${how ? `  [${how}]` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

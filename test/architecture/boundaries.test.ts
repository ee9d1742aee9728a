// The house's rules, checked on the code as it is: who may import whom (design.md → Layout), no SQL outside
// src/db/, process.env read in src/config.ts only, no import circles. The checker is tested first on
// small made-up trees, so a rule that silently stopped matching would fail here too.
import { describe, expect, it } from "vitest";
import { parseSource, readApp } from "./import-graph.ts";
import { environmentReaders, importCycles, importViolations, sqlOutsideTheDataPort } from "./rules.ts";

const file = parseSource;

describe("the boundary checker", () => {
  it("reads static, re-exported, type-only and dynamic imports, relative to the file", () => {
    const { imports } = parseSource(
      "bot/telegram/scan.ts",
      [
        'import type { A } from "../../src/use-cases/ports.ts";',
        'import { b, type C } from "./send.ts";',
        'import { type D } from "postgres";',
        'export { E } from "../replies/markup.ts";',
        'const pdf = await import("pdfjs-dist/legacy/build/pdf.mjs");',
      ].join("\n"),
    );
    expect(imports).toEqual([
      { target: "src/use-cases/ports.ts", typeOnly: true },
      { target: "bot/telegram/send.ts", typeOnly: false },
      { target: "postgres", typeOnly: true },
      { target: "bot/replies/markup.ts", typeOnly: false },
      { target: "pdfjs-dist", typeOnly: false },
    ]);
  });

  it("catches each kind of forbidden import", () => {
    const broken = importViolations([
      file("src/domain/metrics.ts", 'import { x } from "../db/queries/gold.ts";'),
      file("bot/replies/scan.ts", 'import { gold } from "../../src/db/queries/gold.ts";'),
      file("bot/telegram/scan.ts", 'import { renderChart } from "../../src/charts/render.ts";'),
      file("bot/discord/scan.ts", 'import * as pdfjs from "pdfjs-dist";'),
      file("pipeline/runner.ts", 'import { COMMANDS } from "../bot/commands.ts";'),
      file(
        "src/use-cases/get-progress.ts",
        'import { renderProgressChart } from "../charts/progress-chart.ts";',
      ),
      file("src/charts/renderer.ts", 'import { getProgress } from "../use-cases/get-progress.ts";'),
      file("src/jobs/reminders.ts", 'import { createTelegramBot } from "../../bot/telegram/index.ts";'),
      file("src/use-cases/services.ts", 'import postgres from "postgres";'),
    ]);
    expect(broken.map((line) => line.split(":")[0])).toEqual([
      "src/domain/metrics.ts → src/db/queries/gold.ts",
      "bot/replies/scan.ts → src/db/queries/gold.ts",
      "bot/telegram/scan.ts → src/charts/render.ts",
      "bot/discord/scan.ts → pdfjs-dist",
      // two rules: the runner knows no chat, and only the composition roots start bots
      "pipeline/runner.ts → bot/commands.ts",
      "pipeline/runner.ts → bot/commands.ts",
      "src/use-cases/get-progress.ts → src/charts/progress-chart.ts",
      "src/charts/renderer.ts → src/use-cases/get-progress.ts",
      "src/jobs/reminders.ts → bot/telegram/index.ts",
      // two rules: a use-case is handed the sql handle, and only src/db/ opens connections
      "src/use-cases/services.ts → postgres",
      "src/use-cases/services.ts → postgres",
    ]);
  });

  it("lets the wiring wire, types cross inward, and adapters take their ports", () => {
    expect(
      importViolations([
        file("src/main.ts", 'import { createTelegramBot } from "../bot/telegram/index.ts";'),
        file("src/cli/commands/summary.ts", 'import { plainText } from "../../../bot/replies/markup.ts";'),
        file("src/compose-core.ts", 'import { createPipeline } from "../pipeline/runner.ts";'),
        file(
          "src/use-cases/deps.ts",
          'import type { Sql } from "postgres";\nimport type { Logger } from "../log.ts";',
        ),
        file("src/charts/types.ts", 'export * from "../use-cases/chart-inputs.ts";'),
        file(
          "bot/replies/progress.ts",
          'import type { ProgressResult } from "../../src/use-cases/get-progress.ts";',
        ),
      ]),
    ).toEqual([]);
  });

  it("finds SQL, environment readers and circles", () => {
    expect(
      sqlOutsideTheDataPort([file("src/jobs/x.ts", "await sql<{ n: number }[]>`select 1`;")]),
    ).toHaveLength(1);
    expect(sqlOutsideTheDataPort([file("src/db/queries/x.ts", "await sql`select 1`;")])).toEqual([]);
    expect(environmentReaders([file("src/log.ts", "const level = process.env.LOG_LEVEL;")])).toHaveLength(1);
    expect(
      importCycles([
        file("src/jobs/index.ts", 'import { a } from "./a.ts";'),
        file("src/jobs/a.ts", 'import type { JobContext } from "./index.ts";'),
      ]),
    ).toEqual(["src/jobs/index.ts → src/jobs/a.ts → src/jobs/index.ts"]);
  });
});

describe("the app keeps the rules", () => {
  const app = readApp();

  it("reads the whole app", () => {
    expect(app.length).toBeGreaterThan(150);
    expect(app.map((f) => f.path)).toContain("src/use-cases/services.ts");
  });

  it("imports only what its layer may", () => {
    expect(importViolations(app)).toEqual([]);
  });

  it("has no SQL outside src/db/ (and the model runner)", () => {
    expect(sqlOutsideTheDataPort(app)).toEqual([]);
  });

  it("reads process.env in src/config.ts only", () => {
    expect(environmentReaders(app)).toEqual([]);
  });

  it("has no import circles", () => {
    expect(importCycles(app)).toEqual([]);
  });
});

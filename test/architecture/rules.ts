// Who may import what (the layout rules of design.md and the README), as checks over the import graph.
// Each returns the broken places as "file → import: why", so a failing test says exactly what to mend.
import type { Import, SourceFile } from "./import-graph.ts";

const under = (file: string, ...folders: string[]) =>
  folders.some((f) => file === f || file.startsWith(`${f}/`));
const isFile = (target: string) => target.includes("/") && target.endsWith(".ts");

/** One import rule: `forbids` says why this file may not take this import, or null when it may. */
interface ImportRule {
  name: string;
  forbids(from: string, imported: Import): string | null;
}

/** Packages that mean SQL, PDFs or charts — none of the chat transports' business. */
const BOT_FORBIDDEN_PACKAGES = [
  "postgres",
  "drizzle-orm",
  "pg-boss",
  "pdfjs-dist",
  "chart.js",
  "chartjs-adapter-date-fns",
  "@napi-rs/canvas",
];

/** The composition roots: the only files that wire the bots, the core and the job layer together. */
const WIRING = ["src/main.ts", "src/cli"];

export const IMPORT_RULES: ImportRule[] = [
  {
    name: "domain/ imports nothing outside itself",
    forbids: (from, { target }) =>
      under(from, "src/domain") && !under(target, "src/domain") ? "src/domain/ is pure" : null,
  },
  {
    name: "bot/ has no SQL, pdf.js or charts",
    forbids: (from, { target }) => {
      if (!under(from, "bot")) return null;
      if (BOT_FORBIDDEN_PACKAGES.includes(target)) return "the bots get data from the use-cases";
      if (under(target, "src/db", "src/extract", "src/charts", "src/sheets", "src/jobs", "pipeline"))
        return "the bots reach the core through src/use-cases/ only";
      return null;
    },
  },
  {
    name: "pipeline/ never imports bot/",
    forbids: (from, { target }) =>
      under(from, "pipeline") && under(target, "bot") ? "the model runner knows no chat" : null,
  },
  {
    name: "use-cases import the domain, the data port (db/queries) and their own ports",
    forbids: (from, { target, typeOnly }) => {
      if (!under(from, "src/use-cases")) return null;
      if (target.startsWith("node:")) return null;
      if (!isFile(target))
        return target === "postgres" && typeOnly ? null : `${target} belongs to an adapter`;
      if (under(target, "src/use-cases", "src/domain", "src/db/queries")) return null;
      if (target === "src/log.ts" && typeOnly) return null;
      return "adapters implement the use-cases' ports; the use-cases do not import them";
    },
  },
  {
    name: "adapters take only the ports from the use-cases",
    forbids: (from, { target }) => {
      if (!under(from, "src/charts", "src/extract", "src/sheets", "src/db", "pipeline")) return null;
      if (!under(target, "src/use-cases")) return null;
      return target === "src/use-cases/ports.ts" || target === "src/use-cases/chart-inputs.ts"
        ? null
        : "an adapter implements a port, it does not call a use-case";
    },
  },
  {
    name: "only main.ts and cli/ wire bot/, the core and the job layer",
    forbids: (from, { target }) => {
      if (under(from, ...WIRING)) return null;
      if (under(target, "bot") && !under(from, "bot")) return "only the composition roots start bots";
      if (target === "src/compose-core.ts" || target === "src/jobs/index.ts")
        return "only the composition roots build the core and the jobs";
      if (under(target, "pipeline") && from !== "src/compose-core.ts" && !under(from, "pipeline"))
        return "the pipeline is built by src/compose-core.ts";
      return null;
    },
  },
  {
    name: "the database driver is used in src/db/ only",
    forbids: (from, { target, typeOnly }) =>
      target === "postgres" && !typeOnly && !under(from, "src/db")
        ? "src/db/client.ts opens the connection; everyone else is handed the `sql` handle"
        : null,
  },
];

export function importViolations(files: SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.imports.flatMap((imported) =>
      IMPORT_RULES.flatMap((rule) => {
        const why = rule.forbids(file.path, imported);
        return why ? [`${file.path} → ${imported.target}: ${why} (${rule.name})`] : [];
      }),
    ),
  );
}

/** The tags postgres.js queries are written with: the handle, a transaction, a reserved connection. */
const SQL_TAGS = ["sql", "tx", "conn", "sql.unsafe"];

export function sqlOutsideTheDataPort(files: SourceFile[]): string[] {
  return files
    .filter((file) => !under(file.path, "src/db", "pipeline"))
    .filter((file) => file.templateTags.some((tag) => SQL_TAGS.includes(tag)))
    .map((file) => `${file.path}: SQL outside src/db/ (move it into src/db/queries/)`);
}

export function environmentReaders(files: SourceFile[]): string[] {
  return files
    .filter((file) => file.path !== "src/config.ts" && file.readsEnv)
    .map((file) => `${file.path}: reads process.env (src/config.ts is its only reader)`);
}

/** Files that import each other in a loop, type imports included. */
export function importCycles(files: SourceFile[]): string[] {
  const edges = new Map(files.map((f) => [f.path, f.imports.map((i) => i.target).filter(isFile)]));
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

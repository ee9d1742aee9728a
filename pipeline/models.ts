// Discovers the SQL models in sql/: folder = schema, file = relation, one SELECT per file.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "sql");
export const MODEL_SCHEMAS = ["silver", "gold"] as const;

export interface Model {
  schema: (typeof MODEL_SCHEMAS)[number];
  name: string;
  /** schema.name */
  relation: string;
  sql: string;
  /** the one-line grain comment every model starts with */
  grain: string;
  /**
   * How a run for some members refreshes the model (the model contract, docs/architecture.md):
   * `member_id` → only those members' rows, `group_id` → only rows of their groups, each computed from
   * sources the runner scopes to them (pipeline/scope.ts); `static` → only on a full refresh (constants).
   */
  incrementalKey: ModelKey;
  /** more indexes the model asks for (`-- index: member_id, scanned_at`), beside member_id, group_id, scan_id */
  indexes: string[][];
  /** reads the clock (`pump.now`), or reads a model that does: refreshed per group as time passes */
  clockDependent: boolean;
  /** relations of other models this one reads */
  dependsOn: string[];
  /** of the SQL and of every model it reads, so a change upstream rebuilds what is downstream */
  hash: string;
}

export type ModelKey = "member_id" | "group_id" | "static";

export interface SqlTest {
  name: string;
  sql: string;
  /**
   * The test outputs this column and an incremental run checks it on sources scoped like a model's;
   * null → the test runs on full refreshes only.
   */
  key: "member_id" | "group_id" | null;
}

export function discoverModels(dir = SQL_DIR): Model[] {
  const found: Omit<Model, "dependsOn" | "clockDependent">[] = [];
  for (const schema of MODEL_SCHEMAS) {
    for (const file of readdirSync(path.join(dir, schema))
      .filter((f) => f.endsWith(".sql"))
      .sort()) {
      const sql = readFileSync(path.join(dir, schema, file), "utf8")
        .trim()
        .replace(/;\s*$/, "");
      const name = file.replace(/\.sql$/, "");
      const grain = /^--\s*(.+)$/m.exec(sql.split("\n")[0] ?? "")?.[1];
      if (!grain)
        throw new Error(`sql/${schema}/${file} must start with a grain comment ("-- one row per …")`);
      const key = declaredKey(sql, `sql/${schema}/${file}`);
      if (key === null) {
        throw new Error(
          `sql/${schema}/${file} must declare how it is refreshed: "-- incremental by: member_id", ` +
            `"-- incremental by: group_id" or "-- static" (see docs/architecture.md, the model contract)`,
        );
      }
      found.push({
        schema,
        name,
        relation: `${schema}.${name}`,
        sql,
        grain,
        incrementalKey: key,
        indexes: [...sql.matchAll(/^--\s*index:\s*([\w\s,]+?)\s*$/gm)].map((m) => m[1]!.split(/\s*,\s*/)),
        hash: createHash("sha256").update(sql).digest("hex").slice(0, 16),
      });
    }
  }
  const relations = new Set(found.map((m) => m.relation));
  const models = found.map((m) => ({
    ...m,
    clockDependent: readsClock(m.sql),
    dependsOn: [...new Set(referencedRelations(m.sql))].filter((r) => r !== m.relation && relations.has(r)),
  }));
  return withUpstreamHashes(orderModels(models));
}

/** `member_id`, `group_id`, "static", or null when the model declares nothing (refused). */
function declaredKey(sql: string, file: string): ModelKey | null {
  if (/^--\s*static\b/m.test(sql)) return "static";
  const incremental = /^--\s*incremental by:\s*(\w+)\s*$/m.exec(sql)?.[1];
  if (incremental === undefined) return null;
  if (incremental !== "member_id" && incremental !== "group_id") {
    throw new Error(`${file}: incremental by ${incremental} is not supported (member_id or group_id)`);
  }
  return incremental;
}

function readsClock(sql: string): boolean {
  return /current_setting\(\s*'pump\.now'/.test(sql.replace(/--.*$/gm, ""));
}

/** In run order: a model's hash covers the models it reads, and it reads the clock if they do. */
function withUpstreamHashes(ordered: Model[]): Model[] {
  const byRelation = new Map<string, Model>();
  for (const model of ordered) {
    const upstream = model.dependsOn.map((d) => byRelation.get(d)!);
    const hash = createHash("sha256")
      .update([model.hash, ...upstream.map((u) => u.hash)].join(" "))
      .digest("hex")
      .slice(0, 16);
    byRelation.set(model.relation, {
      ...model,
      hash,
      clockDependent: model.clockDependent || upstream.some((u) => u.clockDependent),
    });
  }
  return ordered.map((m) => byRelation.get(m.relation)!);
}

export function discoverTests(dir = SQL_DIR): SqlTest[] {
  const testsDir = path.join(dir, "tests");
  return readdirSync(testsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => ({
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(path.join(testsDir, file), "utf8").trim().replace(/;\s*$/, ""),
    }))
    .map((test) => ({
      ...test,
      key: (/^--\s*incremental by:\s*(member_id|group_id)\s*$/m.exec(test.sql)?.[1] ??
        null) as SqlTest["key"],
    }));
}

function referencedRelations(sql: string): string[] {
  const code = sql.replace(/--.*$/gm, "");
  return [...code.matchAll(/\b(silver|gold)\.(\w+)\b/g)].map((m) => `${m[1]}.${m[2]}`);
}

/** Silver before gold, and within that every model after the models it reads. */
export function orderModels(models: Model[]): Model[] {
  const byRelation = new Map(models.map((m) => [m.relation, m]));
  const ordered: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (model: Model, trail: string[]) => {
    const seen = state.get(model.relation);
    if (seen === "done") return;
    if (seen === "visiting")
      throw new Error(`models reference each other in a cycle: ${[...trail, model.relation].join(" → ")}`);
    state.set(model.relation, "visiting");
    for (const dep of model.dependsOn) visit(byRelation.get(dep)!, [...trail, model.relation]);
    state.set(model.relation, "done");
    ordered.push(model);
  };
  const schemaRank = (m: Model) => MODEL_SCHEMAS.indexOf(m.schema);
  for (const model of [...models].sort(
    (a, b) => schemaRank(a) - schemaRank(b) || a.name.localeCompare(b.name),
  )) {
    visit(model, []);
  }
  return ordered;
}

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
   * How a run for some members refreshes the model: `member_id` → only those members' rows; `group_id` →
   * only rows of their groups (the model must also have member_id); `static` → only on a full refresh
   * (constants); null → rebuilt whole every run.
   */
  incrementalKey: "member_id" | "group_id" | "static" | null;
  /** relations of other models this one reads */
  dependsOn: string[];
  hash: string;
}

export interface SqlTest {
  name: string;
  sql: string;
  /** the test outputs member_id: an incremental run checks only the members it rebuilt */
  byMember: boolean;
}

export function discoverModels(dir = SQL_DIR): Model[] {
  const found: Omit<Model, "dependsOn">[] = [];
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
      const incremental = /^--\s*incremental by:\s*(\w+)\s*$/m.exec(sql);
      const key = /^--\s*static\b/m.test(sql) ? "static" : (incremental?.[1] ?? null);
      if (key !== null && !["member_id", "group_id", "static"].includes(key)) {
        throw new Error(
          `sql/${schema}/${file}: incremental by ${key} is not supported (member_id or group_id)`,
        );
      }
      found.push({
        schema,
        name,
        relation: `${schema}.${name}`,
        sql,
        grain,
        incrementalKey: key as Model["incrementalKey"],
        hash: createHash("sha256").update(sql).digest("hex").slice(0, 16),
      });
    }
  }
  const relations = new Set(found.map((m) => m.relation));
  const models = found.map((m) => ({
    ...m,
    dependsOn: [...new Set(referencedRelations(m.sql))].filter((r) => r !== m.relation && relations.has(r)),
  }));
  return orderModels(models);
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
    .map((test) => ({ ...test, byMember: /^--\s*incremental by:\s*member_id\s*$/m.test(test.sql) }));
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

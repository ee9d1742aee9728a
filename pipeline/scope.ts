// Binds a run's scope at the source: every schema-qualified read of a keyed relation in a model (or SQL
// test) becomes a filtered subquery, so an incremental run reads only the rows of the members and groups
// it was asked for — the filter reaches the scans a model reads, not only its final SELECT. The same pass
// renames model relations to the tables a full refresh builds beside the live ones.

/** For each relation (`schema.table`), the column a member scope and a group scope filter it by. */
export type SourceKeys = Map<string, { member?: string; group?: string }>;

export interface Binding {
  /** member_id: member-keyed sources by the members; group_id: by the groups, or by their members */
  scope: "member_id" | "group_id" | null;
  /** model relations read from other tables (a build's), `schema.table` → `schema.other` */
  rename?: (relation: string) => string | undefined;
}

/** Placeholders in bound SQL, numbered by `withParams`. */
export const MEMBERS = "{{members}}";
export const GROUPS = "{{groups}}";

const SCHEMAS = /(app|bronze|silver|gold)\.([a-z_][a-z0-9_]*)/y;
const NOT_ALIASES = new Set(
  `where join left right inner full outer cross on using group order limit offset union except intersect
   having window natural lateral select from and or not returning fetch for tablesample then else end when
   into as`.split(/\s+/),
);

export function bindSources(sql: string, keys: SourceKeys, binding: Binding): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const skipped = skipNonCode(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    SCHEMAS.lastIndex = i;
    const match = isWordStart(sql, i) ? SCHEMAS.exec(sql) : null;
    const end = match ? i + match[0].length : i;
    if (!match || /[\w.(]/.test(sql[end] ?? "")) {
      out += sql[i];
      i++;
      continue;
    }
    const relation = match[0];
    const table = match[2]!;
    const { alias, next } = aliasAfter(sql, end);
    const source = binding.rename?.(relation) ?? relation;
    const filter = scopeFilter(keys.get(relation), binding.scope);
    if (!filter && source === relation) {
      out += relation;
      i = end;
      continue;
    }
    const read = filter ? `(select * from ${source} where ${filter})` : source;
    out += `${read} ${alias ?? table}`;
    i = alias ? next : end;
  }
  return out;
}

function scopeFilter(key: { member?: string; group?: string } | undefined, scope: Binding["scope"]) {
  if (!key || !scope) return null;
  if (scope === "group_id" && key.group) return `${key.group} = any(${GROUPS})`;
  if (key.member) return `${key.member} = any(${MEMBERS})`;
  return null;
}

/** The statement text with $n for the placeholders it uses, and the matching parameters. */
export function withParams(
  bound: string,
  values: { members: number[]; groups: number[] },
): { text: string; params: number[][] } {
  const params: number[][] = [];
  const numbers = new Map<string, number>();
  const text = bound.replace(/\{\{(members|groups)\}\}/g, (_, which: "members" | "groups") => {
    if (!numbers.has(which)) {
      params.push(values[which]);
      numbers.set(which, params.length);
    }
    return `$${numbers.get(which)}::bigint[]`;
  });
  return { text, params };
}

function isWordStart(sql: string, i: number): boolean {
  return i === 0 || !/[\w."]/.test(sql[i - 1]!);
}

/** Index after a string literal, quoted identifier or comment starting at i (i itself when none). */
function skipNonCode(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1;
      } else j++;
    }
    return j;
  }
  if (c === "-" && sql[i + 1] === "-") {
    const eol = sql.indexOf("\n", i);
    return eol === -1 ? sql.length : eol;
  }
  if (c === "/" && sql[i + 1] === "*") {
    const close = sql.indexOf("*/", i + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return i;
}

/** The alias written after a relation (`silver.scans s`, `… as s`), and the index after it. */
function aliasAfter(sql: string, from: number): { alias: string | null; next: number } {
  let j = skipSpace(sql, from);
  let word = /^[a-z_][a-z0-9_]*/i.exec(sql.slice(j))?.[0];
  if (word?.toLowerCase() === "as") {
    j = skipSpace(sql, j + 2);
    word = /^[a-z_][a-z0-9_]*/i.exec(sql.slice(j))?.[0];
    return word ? { alias: word, next: j + word.length } : { alias: null, next: from };
  }
  if (!word || NOT_ALIASES.has(word.toLowerCase())) return { alias: null, next: from };
  return { alias: word, next: j + word.length };
}

function skipSpace(sql: string, from: number): number {
  let j = from;
  for (;;) {
    while (j < sql.length && /\s/.test(sql[j]!)) j++;
    const skipped = skipNonCode(sql, j);
    if (skipped === j || sql[j] === "'" || sql[j] === '"') return j;
    j = skipped;
  }
}

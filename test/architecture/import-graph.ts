// Every source file of the app (src/, bot/, pipeline/) with what it imports, read with TypeScript's own
// parser: static imports and re-exports, dynamic import() calls, and whether an import is for types only;
// also the tags of its tagged templates (sql`…`) and whether it reads process.env.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP_FOLDERS = ["src", "bot", "pipeline"];

export interface Import {
  /** a repo-relative file ("src/db/client.ts") or a package name ("postgres", "node:fs") */
  target: string;
  typeOnly: boolean;
}

export interface SourceFile {
  /** repo-relative, with forward slashes */
  path: string;
  imports: Import[];
  /** the tag of every tagged template: "sql" for sql`select …`, "tx" inside a transaction */
  templateTags: string[];
  readsEnv: boolean;
}

function packageName(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

export function parseSource(file: string, text: string): SourceFile {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const templateTags: string[] = [];
  let readsEnv = false;
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith(".")
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
      : packageName(specifier);
    found.push({ target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : null;
      const typeOnly = Boolean(
        clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              named &&
              named.elements.length > 0 &&
              named.elements.every((e) => e.isTypeOnly))),
      );
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isTaggedTemplateExpression(node)) {
      templateTags.push(node.tag.getText(source).replace(/<[\s\S]*$/, ""));
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === "env" &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "process"
    ) {
      readsEnv = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path: file, imports: found, templateTags, readsEnv };
}

function listTs(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** The app as it is on disk now. */
export function readApp(): SourceFile[] {
  return APP_FOLDERS.flatMap(listTs)
    .sort()
    .map((file) => parseSource(file, readFileSync(path.join(ROOT, file), "utf8")));
}

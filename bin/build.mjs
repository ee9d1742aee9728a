#!/usr/bin/env node
// `npm run build` (and `npm install` / `npm ci` through `prepare`): compiles the TypeScript under src/, bot/,
// pipeline/, test/fakes/ and test/fixtures/ into dist/, so `pump` and `npm start` run plain JavaScript.
// Files read at run time (sql/, migrations, the fixtures' scans) stay where they are: dist/ links to them.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
/** Written last; bin/launch.js runs dist/ only while no source is newer than this. */
export const STAMP = path.join(dist, ".built");
/** Directories read at run time, relative to the file that reads them; dist/ gets a link to each. */
const RUN_TIME_DIRS = ["sql", "src/db/migrations", "test/fixtures/scans"];

const started = new Date();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // an install without devDependencies: keep a dist/ built before, or run from the sources via tsx
  console.warn("build: TypeScript is not installed; pump and npm start will run the sources through tsx");
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (result.status !== 0) {
  rmSync(STAMP, { force: true });
  process.exit(result.status ?? 1);
}
for (const dir of RUN_TIME_DIRS) {
  const source = path.join(root, dir);
  const target = path.join(dist, dir);
  if (!existsSync(source)) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  try {
    symlinkSync(path.relative(path.dirname(target), source), target, "junction");
  } catch {
    // no symlinks (Windows without developer mode): a copy, refreshed by every build
    cpSync(source, target, { recursive: true });
  }
}
writeFileSync(STAMP, "");
utimesSync(STAMP, started, started);

// Runs an entry point from the compiled dist/ when that is up to date, else from the TypeScript sources via
// tsx (slower to start: tsx compiles on the fly). `npm install` / `npm ci` / `npm run build` make dist/.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE_DIRS = ["src", "bot", "pipeline", "test/fakes", "test/fixtures"];

function newestSource() {
  let newest = 0;
  for (const dir of SOURCE_DIRS) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { recursive: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.endsWith(".ts")) continue;
      newest = Math.max(newest, statSync(path.join(root, dir, entry)).mtimeMs);
    }
  }
  for (const file of ["tsconfig.json", "tsconfig.build.json"]) {
    newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(path.join(root, "dist/.built")).mtimeMs;
  } catch {
    return -1;
  }
}

/** `entry` without extension, relative to the repository: "src/cli/index". */
export async function launch(entry) {
  if (builtAt() >= newestSource()) {
    await import(pathToFileURL(path.join(root, "dist", `${entry}.js`)).href);
    return;
  }
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, `${entry}.ts`)).href);
}

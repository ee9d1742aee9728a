// One database server for the whole run: the embedded one (default), or the server named by
// TEST_DATABASE_URL. Each test file then creates its own fresh database on it (test-db.ts).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedServer } from "../../src/db/embedded-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("adminDatabaseUrl", external);
    return async () => {};
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "pump-test-db-"));
  const server = await startEmbeddedServer(dir, () => {});
  project.provide("adminDatabaseUrl", server.urlFor("postgres"));
  return async () => {
    await server.stop({ force: true });
    await rm(dir, { recursive: true, force: true });
  };
}

#!/usr/bin/env node
// `pump`: the one command-line entry. Runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/index.ts");

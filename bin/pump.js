#!/usr/bin/env node
// `pump`: the one command-line entry (compiled JavaScript from dist/, or the sources when dist/ is stale).
import { launch } from "./launch.js";

await launch("src/cli/index");

#!/usr/bin/env node
// `npm start`: the bots (compiled JavaScript from dist/, or the sources when dist/ is stale).
import { launch } from "./launch.js";

await launch("src/main");

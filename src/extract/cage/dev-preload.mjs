// Development and tests only: a parse worker started from the TypeScript sources loads pdf.js as plain
// JavaScript first and only then registers tsx for the .ts files. Through tsx, pdf.js alone would take
// about 2 s and 440 MB to import instead of 0.3 s and 100 MB. Compiled workers (dist/) do not use this.
await import("pdfjs-dist/legacy/build/pdf.mjs");
await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
const { register } = await import("tsx/esm/api");
register();

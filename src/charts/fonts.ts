// The bundled font. Text must never depend on system fonts: without a registered font, Skia falls back to
// whatever the machine has (or nothing, and text silently vanishes).
import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";
import { FONT_FAMILY } from "./theme.ts";

const require = createRequire(import.meta.url);

const INTER_FILES = ["400Regular", "600SemiBold", "700Bold"].map(
  (w) => `@expo-google-fonts/inter/${w}/Inter_${w}.ttf`,
);

let registered = false;

/** Registers Inter 400/600/700 under FONT_FAMILY. Idempotent; throws if the font package is missing. */
export function registerFonts(): void {
  if (registered) return;
  for (const file of INTER_FILES) {
    const path = require.resolve(file);
    if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      throw new Error(`charts: could not register font ${file}`);
    }
  }
  registered = true;
}

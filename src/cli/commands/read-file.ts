import { readFile } from "node:fs/promises";

/** The bytes of a file named on the command line, or null after printing why not (exit 1: usage, not a verdict). */
export async function readInputFile(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it";
    process.stderr.write(`error: ${file}: ${reason}\n`);
    process.exitCode = 1;
    return null;
  }
}

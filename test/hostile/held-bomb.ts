// A decompression bomb whose read is held open until the test lets it go, then read by the real cage and
// refused by its budget (test/hostile/cage.test.ts): the chat tests' "a bomb while another member scans".
import { cagedScanExtractor } from "../../src/extract/scan-extractor.ts";
import type { ScanExtractor } from "../../src/use-cases/ports.ts";
import { gate } from "../support/gate.ts";
import { onePage, stream, writePdf, zeroBomb } from "./pdf-writer.ts";

/** refused by its budget after inflating 16 MiB */
export const BOMB = writePdf(
  onePage("", { extra: new Map([[9, stream("/Filter /FlateDecode", zeroBomb(64))]]) }),
);

export function heldBombExtractor(): {
  extractor: ScanExtractor;
  /** resolves once the bomb is being read */
  caged: Promise<void>;
  letGo(): void;
} {
  const cage = cagedScanExtractor({ size: 2 });
  const caged = gate();
  const mayFinish = gate();
  const extractor: ScanExtractor = {
    parserVersion: cage.parserVersion,
    warmUp: () => cage.warmUp(),
    close: () => cage.close(),
    async extract(bytes, context) {
      if (Buffer.from(bytes).equals(Buffer.from(BOMB))) {
        caged.open();
        await mayFinish.opened;
      }
      return cage.extract(bytes, context);
    },
  };
  return { extractor, caged: caged.opened, letGo: mayFinish.open };
}

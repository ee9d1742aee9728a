// Messages between the main process and a parse worker: a 4-byte big-endian length, then the message in
// V8's serialization (typed arrays travel as bytes, not as JSON numbers). The reader refuses a frame that
// announces more than its limit before buffering any of it, so a worker cannot flood the main process.
import type { Writable } from "node:stream";
import { deserialize, serialize } from "node:v8";

const HEADER_BYTES = 4;

export function writeFrame(out: Writable, message: unknown): void {
  const body = serialize(message);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(body.byteLength, 0);
  out.write(Buffer.concat([header, body]));
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | null = null;
  private stopped = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onMessage: (message: unknown) => void,
    private readonly onOversize: (announced: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.stopped) return;
    this.chunks.push(chunk);
    this.buffered += chunk.byteLength;
    for (;;) {
      if (this.expected === null) {
        if (this.buffered < HEADER_BYTES) return;
        this.expected = this.take(HEADER_BYTES).readUInt32BE(0);
        if (this.expected > this.maxBytes) {
          this.stopped = true;
          this.chunks = [];
          this.onOversize(this.expected);
          return;
        }
      }
      if (this.buffered < this.expected) return;
      const body = this.take(this.expected);
      this.expected = null;
      this.onMessage(deserialize(body));
    }
  }

  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const taken = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.chunks = rest.byteLength > 0 ? [rest] : [];
    this.buffered = rest.byteLength;
    return taken;
  }
}

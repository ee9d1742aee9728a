/**
 * Items bucketed on a coarse grid by their anchor point (x, y), so "what lies in this window" costs the
 * few buckets the window covers instead of a pass over the page. Every reader pass asks small windows,
 * which keeps reading linear in the number of items.
 */
export class SpatialIndex<T extends { x: number; y: number }> {
  private readonly buckets = new Map<number, T[]>();

  constructor(
    items: Iterable<T>,
    private readonly size = 24,
  ) {
    for (const item of items) {
      const key = this.key(this.cell(item.x), this.cell(item.y));
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(item);
      else this.buckets.set(key, [item]);
    }
  }

  private cell(value: number): number {
    return Math.floor(value / this.size);
  }

  private key(cx: number, cy: number): number {
    // pages are at most a few thousand points wide: 2^16 columns is ample and keeps the key a number
    return (cy + 32768) * 65536 + (cx + 32768);
  }

  /** Items whose anchor lies in [x0, x1] × [y0, y1]. */
  within(x0: number, y0: number, x1: number, y1: number): T[] {
    const found: T[] = [];
    if (!(x1 >= x0 && y1 >= y0)) return found;
    const cx0 = this.cell(x0);
    const cx1 = this.cell(x1);
    const cy0 = this.cell(y0);
    const cy1 = this.cell(y1);
    // a window wider than the page is clamped by the buckets that exist
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > this.buckets.size) {
      for (const bucket of this.buckets.values()) this.collect(bucket, x0, y0, x1, y1, found);
      return found;
    }
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const bucket = this.buckets.get(this.key(cx, cy));
        if (bucket) this.collect(bucket, x0, y0, x1, y1, found);
      }
    }
    return found;
  }

  private collect(bucket: T[], x0: number, y0: number, x1: number, y1: number, found: T[]): void {
    for (const item of bucket) {
      if (item.x >= x0 && item.x <= x1 && item.y >= y0 && item.y <= y1) found.push(item);
    }
  }
}

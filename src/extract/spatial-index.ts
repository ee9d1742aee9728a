/**
 * Items bucketed into horizontal bands by their anchor's y and sorted by x within a band, so "what lies
 * in this window" costs a binary search in the few bands the window covers instead of a pass over the
 * page. Every reader pass asks small windows, which keeps reading near linear in the number of items,
 * however densely items are packed.
 */
export class SpatialIndex<T extends { x: number; y: number }> {
  private readonly bands = new Map<number, T[]>();

  constructor(
    items: Iterable<T>,
    private readonly band = 24,
  ) {
    for (const item of items) {
      const key = Math.floor(item.y / this.band);
      const list = this.bands.get(key);
      if (list) list.push(item);
      else this.bands.set(key, [item]);
    }
    for (const list of this.bands.values()) list.sort((a, b) => a.x - b.x);
  }

  /** Items whose anchor lies in [x0, x1] × [y0, y1]. */
  within(x0: number, y0: number, x1: number, y1: number): T[] {
    const found: T[] = [];
    if (!(x1 >= x0 && y1 >= y0)) return found;
    const first = Math.floor(y0 / this.band);
    const last = Math.floor(y1 / this.band);
    if (last - first + 1 > this.bands.size) {
      for (const list of this.bands.values()) this.collect(list, x0, y0, x1, y1, found);
      return found;
    }
    for (let key = first; key <= last; key++) {
      const list = this.bands.get(key);
      if (list) this.collect(list, x0, y0, x1, y1, found);
    }
    return found;
  }

  private collect(list: T[], x0: number, y0: number, x1: number, y1: number, found: T[]): void {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as T).x < x0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) {
      const item = list[i] as T;
      if (item.x > x1) break;
      if (item.y >= y0 && item.y <= y1) found.push(item);
    }
  }
}

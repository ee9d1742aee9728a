import type { TextItem } from "./text-item.ts";

/** An axis-aligned rectangle in PDF user space (origin bottom-left, y up). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What the layout reader reads: positioned words plus the page's drawn check marks and small boxes.
 * The PDF path fills it from pdf.js (text content + operator list); an OCR path fills it from word boxes
 * and detected marks. Glyph marks (`X`, `✓`) simply stay text items.
 */
export interface PageContent {
  items: readonly TextItem[];
  /** small stroked crosses or ticks, not text */
  marks?: readonly Rect[];
  /** small closed rectangles (tick boxes); a mark inside one belongs to it */
  boxes?: readonly Rect[];
}

export function pageContentOf(input: readonly TextItem[] | PageContent): PageContent {
  return Array.isArray(input) ? { items: input } : (input as PageContent);
}

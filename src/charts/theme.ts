// Colours and type scale shared by every chart. Okabe–Ito colours: distinguishable with the common
// colour-vision deficiencies, and none of them a judgemental red.

export const PIXEL_RATIO = 2;
export const FONT_FAMILY = "Inter";
/** Logical width of every image: readable when a chat shrinks it to a phone's width. */
export const IMAGE_WIDTH = 420;

export const colors = {
  ink: "#1c2430",
  muted: "#5f6b7a",
  faint: "#8a95a3",
  grid: "#e8ebf0",
  axis: "#c9cfd8",
  card: "#f4f6f9",
  background: "#ffffff",
  blue: "#0072B2",
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  purple: "#CC79A7",
  vermillion: "#D55E00",
  noise: "#9aa4b1",
} as const;

export function font(size: number, weight: 400 | 600 | 700 = 400): string {
  return `${weight} ${size}px ${FONT_FAMILY}`;
}

/** `#rrggbb` → `rgba(r, g, b, a)`. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

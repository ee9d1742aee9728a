// The inputs belong to the use-cases (their chart port, src/use-cases/chart-inputs.ts); charts/ draws them.
export * from "../use-cases/chart-inputs.ts";

export interface ChartSize {
  /** CSS pixels; the PNG is `width × pixelRatio` wide. */
  width: number;
  height: number;
}

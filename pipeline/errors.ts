// What a run throws when a model or an SQL test fails (nothing is published then).
export class PipelineTestFailed extends Error {
  override name = "PipelineTestFailed";
  constructor(
    readonly test: string,
    readonly failingRows: number,
  ) {
    super(`SQL test ${test} failed (${failingRows} row${failingRows === 1 ? "" : "s"})`);
  }
}

export class PipelineModelFailed extends Error {
  override name = "PipelineModelFailed";
  constructor(
    readonly model: string,
    cause: unknown,
  ) {
    super(`model ${model} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The file was not read, and nothing is wrong with it: every parse worker is busy and the waiting line is
 * full (for this member, or for everyone), the cage is shutting down, or its workers cannot start. Keep the
 * bytes and read the file again a little later (the job queue's retry).
 */
export class ExtractorBusyError extends Error {
  constructor(
    readonly key: string,
    readonly reason: "queue_full" | "closing" | "unavailable" = "queue_full",
  ) {
    super(
      reason === "queue_full"
        ? "the extractor is busy; the file was not read"
        : reason === "closing"
          ? "the extractor is shutting down; the file was not read"
          : "the extractor's workers cannot start; the file was not read",
    );
    this.name = "ExtractorBusyError";
  }
}

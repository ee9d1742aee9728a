/**
 * Every parse worker is busy and the waiting line is full (for this member, or for everyone): the file was
 * not read. Nothing is wrong with it — keep the bytes and read it again shortly (the job queue's retry).
 */
export class ExtractorBusyError extends Error {
  constructor(readonly key: string) {
    super("the extractor is busy; the file was not read");
    this.name = "ExtractorBusyError";
  }
}

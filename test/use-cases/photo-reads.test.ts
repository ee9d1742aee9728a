// Photo reads below the chat: a backfill has nobody to confirm a photo, and a reprocess keeps what the
// member confirmed (their corrections) instead of reading the photo again.
import { describe, expect, it } from "vitest";
import { buildCore } from "../../src/compose-core.ts";
import { resolveMember } from "../../src/db/queries/people.ts";
import { ExtractorBusyError } from "../../src/domain/extractor-busy.ts";
import { createLogger } from "../../src/log.ts";
import { FIXED_NOW, useTestCore } from "../support/core.ts";
import {
  imageRecordBytes,
  makeRecord,
  photoRecord,
  photoTestExtractor,
  recordBytes,
} from "../support/records.ts";

const t = useTestCore({ extractor: photoTestExtractor() });
const ana = { platform: "telegram", userId: "501", displayName: "Ana" };
const place = { kind: "private" as const, platform: "telegram", chatId: "501" };

describe("photo reads", () => {
  it("are counted but not saved by a backfill", async () => {
    const { id } = await resolveMember(t.current.sql, { ...ana, userId: "777" });
    const kinds: string[] = [];
    await t.current.backfillScans(
      [
        {
          bytes: imageRecordBytes(photoRecord({ scannedAt: "2026-01-05T07:00", weightKg: 80, fatPct: 20 })),
          fileName: "old-photo.jpg",
          mimeType: "application/pdf",
          platform: "cli",
          memberId: id,
        },
      ],
      (outcome) => kinds.push(outcome.kind),
    );
    expect(kinds).toEqual(["needs_confirmation"]);
    const [left] = await t.current.sql<{ reports: number; pending: number; files: number }[]>`
      select (select count(*)::int from bronze.scan_reports where member_id = ${id}) as reports,
             (select count(*)::int from app.pending_photo_reads where member_id = ${id}) as pending,
             (select count(*)::int from bronze.raw_files) as files`;
    expect(left).toEqual({ reports: 0, pending: 0, files: 0 });
  });

  it("wait for room when the reader is full (a photo is not kept, so it cannot be read later)", async () => {
    const reader = photoTestExtractor();
    // a cage whose queue is full: it refuses every file that does not ask to wait for room
    const full = await buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      {
        extractor: {
          ...reader,
          extract: (bytes, context) =>
            context.waitForRoom
              ? reader.extract(bytes, context)
              : Promise.reject(new ExtractorBusyError(context.key)),
        },
        now: () => FIXED_NOW,
      },
    );
    const cara = { ...ana, userId: "503", displayName: "Cara" };
    const received = (bytes: Uint8Array, fileName: string) =>
      full.services.ingestScan({
        actor: cara,
        place: { ...place, chatId: "503" },
        bytes,
        fileName,
        mimeType: null,
        messageId: fileName,
      });
    const photo = await received(
      imageRecordBytes(photoRecord({ scannedAt: "2026-06-01T07:00", weightKg: 70, fatPct: 25 })),
      "photo.jpg",
    );
    expect(photo.kind).toBe("needs_confirmation");
    // a PDF is kept and owed a reply instead
    const pdf = await received(
      recordBytes(makeRecord({ scannedAt: "2026-06-08T07:00", weightKg: 70, fatPct: 24 })),
      "scan.pdf",
    );
    expect(pdf.kind).toBe("busy");
  });

  it("keep the member's corrections through a reprocess with a new parser version", async () => {
    const { services } = t.current;
    const bytes = imageRecordBytes(photoRecord({ scannedAt: "2026-05-01T07:00", weightKg: 82, fatPct: 21 }));
    const read = await services.ingestScan({
      actor: ana,
      place,
      bytes,
      fileName: "photo.jpg",
      mimeType: "image/jpeg",
      messageId: "1",
    });
    if (read.kind !== "needs_confirmation" || !read.read)
      throw new Error(`expected a photo read, got ${read.kind}`);
    await services.askToFixPhotoRead({ actor: ana, readId: read.read.id });
    expect((await services.correctPhotoRead({ actor: ana, text: "muscle 33.3" })).kind).toBe("corrected");
    const saved = await services.savePhotoRead({ actor: ana, readId: read.read.id });
    expect(saved.kind === "saved" && saved.scan.kind).toBe("accepted");

    const bumped = await buildCore(
      { sql: t.db.sql, url: t.db.url, close: async () => {} },
      { defaultTimeZone: "UTC" },
      createLogger("silent"),
      { extractor: { ...photoTestExtractor(), parserVersion: "99.0.0" }, now: () => FIXED_NOW },
    );
    const report = await bumped.reprocess();
    expect(report.unchanged).toBe(1);
    const [row] = await t.current.sql<{ muscle: number; source: string }[]>`
      select skeletal_muscle_mass_kg as muscle, source from silver.scans where scanned_at = '2026-05-01 07:00'`;
    expect(row).toEqual({ muscle: 33.3, source: "image" });
  });
});

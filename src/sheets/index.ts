// Public surface of the Sheets mirror. The jobs side calls syncAll / syncTab / driftReport with a sink.
export { CsvSheetSink, createCsvSheetSink } from "./csv-sink.ts";
export {
  createGoogleSheetSink,
  DEFAULT_SHEETS_API_ROOT,
  GoogleSheetSink,
  type GoogleSheetSinkOptions,
} from "./google-sheet-sink.ts";
export {
  type DesiredRow,
  type DriftReport,
  driftReport,
  type IdMatcher,
  type MirrorOptions,
  type SyncAllReport,
  type SyncReport,
  syncAll,
  syncTab,
  type TabSpec,
} from "./mirror.ts";
export {
  type Cell,
  type CellRun,
  isRetryableSheetError,
  SheetPermanentError,
  SheetRetryableError,
  type SheetSink,
} from "./sheet-sink.ts";

// Errors as the summary and reminder jobs record them: kind and code only, never a message text (a failed
// post's error can quote the message, which holds names and values).
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const fields = error as { error_code?: unknown; code?: unknown };
  const code = fields.error_code ?? fields.code;
  return code === undefined ? error.name : `${error.name} ${String(code)}`;
}

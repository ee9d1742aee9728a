// The /link code as members read and type it: 8 characters without look-alikes (no 0/O, 1/I), shown as
// two groups of four. Typed in any case, with or without the dash or spaces.

export const LINK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LINK_CODE_LENGTH = 8;

/** "K7QXM2PD" → "K7QX-M2PD" */
export function formatLinkCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a member typed → the code, or null when it cannot be one. */
export function normaliseLinkCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]+/g, "");
  if (code.length !== LINK_CODE_LENGTH) return null;
  return [...code].every((c) => LINK_CODE_ALPHABET.includes(c)) ? code : null;
}

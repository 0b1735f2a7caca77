/** One line of text: what may not sit in a name, a subject, a mail header or a file name, and how to make it fit. */

/**
 * C0 and C1 controls (CR, LF, NUL, tab…), DEL, the Unicode line and paragraph separators, and bidi embeddings,
 * overrides and isolates, which make a name or a file name read differently from what it is (`invoice\u202Efdp.exe`).
 */
const notSingleLineRe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const notSingleLineGlobalRe = new RegExp(notSingleLineRe.source, 'g');
const bidiControlRe = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

export function isSingleLine(text: string): boolean {
  return !notSingleLineRe.test(text);
}

/**
 * For values going into a header (subject, display name, file name): every line break or control becomes a space and
 * bidi controls disappear, so a stored value that predates validation still cannot add a header.
 */
export function headerSafe(text: string): string {
  return text.replace(bidiControlRe, '').replace(notSingleLineGlobalRe, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Bidi marks, embeddings, overrides and isolates removed; other characters kept. */
export function withoutBidiControls(text: string): string {
  return text.replace(bidiControlRe, '');
}

/** Finding and removing one person's name, address and phone in text copied elsewhere (mail, audit details). */

/** Shown instead of an erased stakeholder's name; the row stays so counts and opinions keep their shape. */
export const ERASED_NAME = '—';

/** The address an erased stakeholder's mail rows keep: unique per person, never deliverable (RFC 2606 `.invalid`). */
export const erasedAddress = (stakeholderId: string) => `erased+${stakeholderId.toLowerCase()}@invalid`;

/** What identifies a person in copied text. */
export type Needles = { name: string; email: string | null; phone: string; placeholder: string };

/**
 * Below these lengths a name or phone is matched only as a whole value, never inside other words: a one-character
 * name would otherwise be cut out of every sentence that happens to contain that character.
 */
const NAME_INSIDE_TEXT_MIN = 2;
const PHONE_INSIDE_TEXT_MIN = 5;

const regexSpecialRe = /[.*+?^${}()|[\]\\]/g;
const escapeRegex = (value: string) => value.replace(regexSpecialRe, '\\$&');
const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => htmlEscapes[ch]!);

/** The substrings to search for in stored text (SQL `instr`), as stored: raw and HTML-escaped. */
export function searchTerms(n: Needles): string[] {
  const terms = new Set<string>();
  if (n.email) terms.add(n.email.toLowerCase());
  for (const [value, min] of [
    [n.name, NAME_INSIDE_TEXT_MIN],
    [n.phone, PHONE_INSIDE_TEXT_MIN],
  ] as const) {
    if (value.length >= min) {
      terms.add(value);
      terms.add(escapeHtml(value));
    } else if (value) {
      // A whole JSON string value, as audit details hold it.
      terms.add(JSON.stringify(value));
    }
  }
  return [...terms];
}

/** `text` with the address replaced by the placeholder address and the name and phone by ERASED_NAME. */
export function scrubText(text: string, n: Needles): string {
  let out = text;
  if (n.email) out = out.replace(new RegExp(escapeRegex(n.email), 'gi'), n.placeholder);
  for (const [value, min] of [
    [n.name, NAME_INSIDE_TEXT_MIN],
    [n.phone, PHONE_INSIDE_TEXT_MIN],
  ] as const) {
    if (!value) continue;
    if (out === value) return ERASED_NAME;
    if (value.length < min) continue;
    out = out.split(value).join(ERASED_NAME);
    const escaped = escapeHtml(value);
    if (escaped !== value) out = out.split(escaped).join(ERASED_NAME);
  }
  return out;
}

/** Every string inside a JSON value scrubbed; keys are ours (identifiers), not user text, and stay. */
export function scrubJson(value: unknown, n: Needles): unknown {
  if (typeof value === 'string') return scrubText(value, n);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, n));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubJson(item, n)]));
  return value;
}

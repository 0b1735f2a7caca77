/**
 * Rendered HTML of page parts that depend only on what their key names, kept in the isolate between requests: a
 * round's section chart and table (its sections and kept figures), the outline of its draft, the draft's sections
 * on the feedback page, whole staff pages (ui/page-cache.ts). At 12,000 opinions and a hundred sections they are
 * half of a page; rendering them again for every view was most of its CPU. A key must hold every input of the part
 * (the locale too): a changed input is a different key, so nothing is ever invalidated, only forgotten when least
 * recently used.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { keptValues } from '../lib/kept-values';

/** At most this many characters of HTML are kept (about 16 MB of the isolate's 128). */
const MAX_CHARS = 8_000_000;
/** Parts are HTML, or (whole kept pages) its UTF-8 bytes, counted one unit a byte. */
type Part = string | Uint8Array;
const kept = keptValues<Part[]>(MAX_CHARS, (parts) => parts.reduce((sum, part) => sum + (typeof part === 'string' ? part.length : part.byteLength), 0));

function htmlOf(node: Child): string {
  const rendered: unknown = node?.toString() ?? '';
  if (rendered instanceof Promise) throw new Error('keptFragment renders synchronous parts only');
  return String(rendered);
}

/** The parts kept under `key`, now the most recently used; undefined when none are. */
export const keptParts = (key: string): Part[] | undefined => kept.get(key);

/** Keeps `parts` under `key`, forgetting the least recently used keys beyond the bound. */
export const keepParts = (key: string, parts: Part[]): void => kept.set(key, parts);

function keep(key: string, render: () => string[]): string[] {
  let parts = keptParts(key) as string[] | undefined;
  if (parts === undefined) {
    parts = render();
    keepParts(key, parts);
  }
  return parts;
}

/** The part's HTML, rendered now or kept from an earlier request with the same key. `render` must be synchronous. */
export function keptFragment(key: string, render: () => Child): HtmlEscapedString {
  return raw(keep(key, () => [htmlOf(render())])[0]!);
}

/** Several parts under one key (say, one per section of a draft), each to place between parts that vary. */
export function keptFragments(key: string, render: () => Child[]): HtmlEscapedString[] {
  return keep(key, () => render().map(htmlOf)).map((html) => raw(html));
}

/** How many keys and characters are kept (for tests). */
export const keptFragmentStats = () => {
  const { keys, units } = kept.stats();
  return { keys, chars: units };
};

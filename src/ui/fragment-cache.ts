/**
 * Rendered HTML of page parts that depend only on what their key names, kept in the isolate between requests: a
 * round's section chart and table (its sections and kept figures), the outline of its draft. At 12,000 opinions and a
 * hundred sections they are half of the summary page; rendering them again for every view was most of its CPU.
 * A key must hold every input of the part (the locale too): a changed input is a different key, so nothing is ever
 * invalidated, only forgotten when least recently used.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const MAX_PARTS = 32;
const kept = new Map<string, string>();

/** The part's HTML, rendered now or kept from an earlier request with the same key. `render` must be synchronous. */
export function keptFragment(key: string, render: () => Child): HtmlEscapedString {
  let html = kept.get(key);
  if (html === undefined) {
    const rendered: unknown = render()?.toString() ?? '';
    if (rendered instanceof Promise) throw new Error('keptFragment renders synchronous parts only');
    html = String(rendered);
    if (kept.size >= MAX_PARTS) kept.delete(kept.keys().next().value!);
  } else {
    kept.delete(key);
  }
  kept.set(key, html);
  return raw(html);
}

/** How many parts are kept (for tests). */
export const keptFragmentCount = () => kept.size;

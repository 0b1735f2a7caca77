/**
 * Character-level diff of one unit's text between two versions (jsdiff `diffChars`). Chinese has no spaces, so a
 * word diff would mark whole lines; characters alone leave confetti (a kept 的 between two edits), so a short kept
 * run between two edits is folded into them, the way a reader would describe the edit.
 */
import { diffChars } from 'diff';

export type DiffPart = { kind: 'same' | 'ins' | 'del'; text: string };

/** Kept runs up to this many characters between two edits read as part of one edit. */
const FOLD_MAX = 2;

export function diffText(before: string | null, after: string | null): DiffPart[] {
  if (before === null) return after ? [{ kind: 'ins', text: after }] : [];
  if (after === null) return before ? [{ kind: 'del', text: before }] : [];
  const raw: DiffPart[] = diffChars(before, after).map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
  return merge(fold(raw));
}

/** Turns short kept runs between edits into a deletion and an insertion of the same characters. */
function fold(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  parts.forEach((part, i) => {
    const between = i > 0 && i < parts.length - 1 && parts[i - 1]!.kind !== 'same' && parts[i + 1]!.kind !== 'same';
    if (part.kind === 'same' && between && [...part.text].length <= FOLD_MAX && !part.text.includes('\n')) {
      out.push({ kind: 'del', text: part.text }, { kind: 'ins', text: part.text });
    } else out.push(part);
  });
  return out;
}

/** Adjacent edits as one deletion followed by one insertion, so 删 then 增 read as a replacement. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ kind: 'del', text: del });
    if (ins) out.push({ kind: 'ins', text: ins });
    del = ins = '';
  };
  for (const part of parts) {
    if (part.kind === 'del') del += part.text;
    else if (part.kind === 'ins') ins += part.text;
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}

/**
 * The organizer's corrections of a split as the round form carries them: repeated `fix` fields of `<level>|<line>`,
 * written by the preview's own buttons. A malformed value is dropped, not an error: it never came from a person.
 */
import { FIX_LEVELS, SPLIT_FIXES_MAX, type SplitFix } from './split-draft';

const knownLevels = new Set<number>(Object.values(FIX_LEVELS));

export function encodeFix(fix: SplitFix): string {
  return `${fix.level}|${fix.line}`;
}

/** The fixes in order, one per line (the last one given wins), at most SPLIT_FIXES_MAX. */
export function decodeFixes(values: string[]): SplitFix[] {
  const byLine = new Map<string, SplitFix>();
  for (const value of values) {
    const bar = value.indexOf('|');
    const level = Number(value.slice(0, bar));
    const line = value.slice(bar + 1).trim();
    if (bar < 1 || !knownLevels.has(level) || !line) continue;
    byLine.delete(line);
    byLine.set(line, { line, level });
  }
  return [...byLine.values()].slice(-SPLIT_FIXES_MAX);
}

/** The fix list after the preview's buttons: one added (`addFix` or the line picked in the fix form), one dropped. */
export function applyFixEdits(current: string[], edits: { add: string[]; drop: string }): string[] {
  return decodeFixes([...current, ...edits.add].filter((value) => value !== edits.drop)).map(encodeFix);
}

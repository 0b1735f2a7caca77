/** A wide table's scrolling box: focusable, so that keyboard users can scroll it too (axe: scrollable-region-focusable). */
import type { Child } from 'hono/jsx';

export function TableWrap({ children }: { children?: Child }) {
  return (
    <div class="table-wrap" tabindex={0}>
      {children}
    </div>
  );
}

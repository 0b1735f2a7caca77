/** The numbered links of a pager: the window `pageWindow` picks, gaps shown as an ellipsis, the current page marked. */
import { pageWindow } from './page-window';

/** `current` is 0-based; `href(i)` is the address of page `i` (0-based); links read 1-based. */
export function PageLinks({ current, pages, href }: { current: number; pages: number; href: (page: number) => string }) {
  return (
    <>
      {pageWindow(current, pages).map((i) =>
        i === 'gap' ? (
          <span class="pager__gap" aria-hidden="true">
            …
          </span>
        ) : (
          <a href={href(i)} aria-current={i === current ? 'page' : undefined}>
            {i + 1}
          </a>
        ),
      )}
    </>
  );
}

/**
 * A row that scrolls sideways (the board tabs on a phone) says so: the element gets `data-more-start` /
 * `data-more-end` while content is hidden past that edge, and CSS fades that edge, so a cut-off tab reads as
 * "there is more" rather than as the end of the list. The current item (`aria-current`) is scrolled into
 * view whenever `current` changes, so the board one is on is never the hidden one.
 */
import { useEffect, useState } from 'react';

/** Returns a callback ref: the row may mount after the hook first runs (after a loading screen). */
export function useOverflowCue<T extends HTMLElement>(current: unknown): (el: T | null) => void {
  const [el, setEl] = useState<T | null>(null);

  useEffect(() => {
    if (!el) return;
    const update = () => {
      const more = el.scrollWidth - el.clientWidth;
      // a pixel of rounding is not "more"
      el.toggleAttribute('data-more-start', more > 1 && el.scrollLeft > 1);
      el.toggleAttribute('data-more-end', more > 1 && el.scrollLeft < more - 1);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : null;
    resized?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized?.disconnect();
    };
  }, [el]);

  useEffect(() => {
    const active = el?.querySelector<HTMLElement>('[aria-current]');
    if (!el || !active) return;
    // only the row scrolls (`scrollIntoView` would move the page and every scroller around it too)
    const box = active.getBoundingClientRect();
    const row = el.getBoundingClientRect();
    if (box.left < row.left || box.right > row.right)
      el.scrollLeft += box.left - row.left - (row.width - box.width) / 2;
  }, [el, current]);

  return setEl;
}

/**
 * Drag with pointer events, so a mouse, a pen and a finger all work the same. The element under the pointer
 * decides the target: an item (`data-item-id`, upper or lower half) or an empty container
 * (`data-drop-container`, e.g. a day with no strips). Handles need `touch-action: none` in CSS.
 *
 * Held near the top or bottom edge of the scrolling list (or the window), the list scrolls on its own,
 * faster the closer the pointer is to the edge, so a strip can travel to a day that was off screen; the
 * target is found again as the content moves under a finger that holds still.
 */
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

export interface DropTarget {
  itemId: string | null;
  below: boolean;
  container: string | null;
}

export interface DragState {
  draggingId: string | null;
  target: DropTarget | null;
}

/** Distance from an edge, in px, at which the list starts scrolling. */
export const EDGE_ZONE = 56;
/** Scroll speed at the very edge, px per animation frame. */
const MAX_SPEED = 18;

export function findTarget(x: number, y: number): DropTarget | null {
  const hit = document.elementFromPoint(x, y);
  const item = hit?.closest<HTMLElement>('[data-item-id]');
  if (item?.dataset.itemId) {
    const rect = item.getBoundingClientRect();
    const container = item.closest<HTMLElement>('[data-drop-container]')?.dataset.dropContainer ?? null;
    return { itemId: item.dataset.itemId, below: y > rect.top + rect.height / 2, container };
  }
  const container = hit?.closest<HTMLElement>('[data-drop-container]')?.dataset.dropContainer;
  return container !== undefined ? { itemId: null, below: false, container } : null;
}

/** The nearest ancestor that scrolls vertically, else the page's scrolling element. */
function scrollParent(from: Element | null): Element {
  for (let el = from?.parentElement ?? null; el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) return el;
  }
  return document.scrollingElement ?? document.documentElement;
}

/** Pixels to scroll this frame for a pointer at `y` over a visible band [top, bottom]; 0 outside the zones. */
export function edgeSpeed(y: number, top: number, bottom: number): number {
  if (y > bottom - EDGE_ZONE)
    return Math.ceil(MAX_SPEED * Math.min(1, (y - (bottom - EDGE_ZONE)) / EDGE_ZONE));
  if (y < top + EDGE_ZONE) return -Math.ceil(MAX_SPEED * Math.min(1, (top + EDGE_ZONE - y) / EDGE_ZONE));
  return 0;
}

export function usePointerDrag(onDrop: (id: string, target: DropTarget) => void) {
  const [state, setState] = useState<DragState>({ draggingId: null, target: null });
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;

  const start = useCallback((id: string, event: ReactPointerEvent) => {
    event.preventDefault();
    let target: DropTarget | null = null;
    let pointer = { x: event.clientX, y: event.clientY };
    let frame = 0;
    const scroller = scrollParent(event.currentTarget as Element);
    setState({ draggingId: id, target: null });
    const retarget = () => {
      const next = findTarget(pointer.x, pointer.y);
      if (!next) return;
      target = next;
      setState({ draggingId: id, target: next });
    };
    const tick = () => {
      frame = 0;
      const page = scroller === document.scrollingElement || scroller === document.documentElement;
      const rect = page ? { top: 0, bottom: window.innerHeight } : scroller.getBoundingClientRect();
      const top = Math.max(0, rect.top);
      const bottom = Math.min(window.innerHeight, rect.bottom);
      const speed = edgeSpeed(pointer.y, top, bottom);
      if (speed === 0) return;
      const before = scroller.scrollTop;
      scroller.scrollTop = before + speed;
      if (scroller.scrollTop !== before) retarget();
      frame = requestAnimationFrame(tick);
    };
    const move = (e: PointerEvent) => {
      pointer = { x: e.clientX, y: e.clientY };
      retarget();
      if (frame === 0) frame = requestAnimationFrame(tick);
    };
    const finish = (drop: boolean) => () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      if (frame !== 0) cancelAnimationFrame(frame);
      setState({ draggingId: null, target: null });
      if (drop && target && target.itemId !== id) dropRef.current(id, target);
    };
    const up = finish(true);
    const cancel = finish(false);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
  }, []);

  return { ...state, start };
}

/**
 * Yjs to React: a component subscribes to one shared type (a row's Y.Map, a board's list) and reads it
 * through a selector. The selector runs again only when that type changed, and the component re-renders
 * only when the selected value differs, so a keystroke in one cell never re-renders the board.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export type Equality<T> = (a: T, b: T) => boolean;

/** Arrays and plain records compared one level deep: what selectors over Yjs usually return. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Cache<T> {
  seen: number;
  value: T;
  type: unknown;
}

/**
 * `deep` observes nested types too (a list of Y.Maps whose fields change); leave it off when the selector
 * reads only the type's own entries. `null` types (a board not loaded yet) yield `select(null)`.
 */
export function useY<S extends Y.AbstractType<any>, T>( // eslint-disable-line @typescript-eslint/no-explicit-any
  type: S | null | undefined,
  select: (type: S | null) => T,
  options: { deep?: boolean; equal?: Equality<T> } = {},
): T {
  const { deep = false, equal = shallowEqual } = options;
  const version = useRef(0);
  const cache = useRef<Cache<T> | null>(null);
  const selectRef = useRef(select);
  selectRef.current = select;

  const subscribe = useCallback(
    (notify: () => void) => {
      if (!type) return () => undefined;
      const bump = () => {
        version.current += 1;
        notify();
      };
      if (deep) type.observeDeep(bump);
      else type.observe(bump);
      // A change that landed between the render and this subscription (the initial sync, on a slow
      // device) fired no observer: without this bump the cached snapshot would stay stale until the next
      // edit. React re-reads the snapshot after subscribing; the equality check keeps identity if unchanged.
      bump();
      return () => (deep ? type.unobserveDeep(bump) : type.unobserve(bump));
    },
    [type, deep],
  );

  const getSnapshot = (): T => {
    const current = cache.current;
    if (current && current.seen === version.current && current.type === type) return current.value;
    const next = selectRef.current(type ?? null);
    const value = current && current.type === type && equal(current.value, next) ? current.value : next;
    cache.current = { seen: version.current, value, type };
    return value;
  };

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/**
 * Selects from a whole document, re-run after each of its transactions. For companion boards (the breakdown
 * seen from the shot list) where the view needs several root types and changes there are rare.
 */
export function useDoc<T>(
  doc: Y.Doc | null | undefined,
  select: (doc: Y.Doc | null) => T,
  equal: Equality<T> = shallowEqual,
): T {
  const version = useRef(0);
  const cache = useRef<{ seen: number; value: T; doc: unknown } | null>(null);
  const selectRef = useRef(select);
  selectRef.current = select;
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!doc) return () => undefined;
      const bump = () => {
        version.current += 1;
        notify();
      };
      doc.on('afterTransaction', bump);
      bump(); // see useY: a transaction between render and subscription must not be missed
      return () => doc.off('afterTransaction', bump);
    },
    [doc],
  );
  const getSnapshot = (): T => {
    const current = cache.current;
    if (current && current.seen === version.current && current.doc === doc) return current.value;
    const next = selectRef.current(doc ?? null);
    const value = current && current.doc === doc && equal(current.value, next) ? current.value : next;
    cache.current = { seen: version.current, value, doc };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

export function jsonEqual<T>(a: T, b: T): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

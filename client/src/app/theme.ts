/** Two themes: the normal dark one for monitors and video village, and a high-contrast light one for sunlight. */
import { useCallback, useSyncExternalStore } from 'react';

export type Theme = 'dark' | 'sun';
const KEY = 'setboard.theme';
const listeners = new Set<() => void>();

function read(): Theme {
  return localStorage.getItem(KEY) === 'sun' ? 'sun' : 'dark';
}

export function applyTheme(theme: Theme = read()): void {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
  const toggle = useCallback(() => {
    const next: Theme = read() === 'sun' ? 'dark' : 'sun';
    localStorage.setItem(KEY, next);
    applyTheme(next);
    for (const l of listeners) l();
  }, []);
  return [theme, toggle];
}

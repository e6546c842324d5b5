/**
 * Who is editing what: each device puts its focused item in awareness (`focus: {id, field}`); the server
 * fills `user` from the token. Boards read it as item id -> names, so a row shows "Ana" while she types.
 */
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export interface Focus {
  id: string;
  field: string | null;
}

interface PeerState {
  user?: { id?: string; name?: string };
  focus?: Focus | null;
}

export type FocusMap = ReadonlyMap<string, readonly string[]>;
const EMPTY: FocusMap = new Map();

export function setFocus(provider: WebsocketProvider, focus: Focus | null): void {
  provider.awareness.setLocalStateField('focus', focus);
}

export function useOthersFocus(provider: WebsocketProvider | null): FocusMap {
  const [map, setMap] = useState<FocusMap>(EMPTY);
  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const compute = () => {
      const next = new Map<string, string[]>();
      for (const [clientId, raw] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const state = raw as PeerState;
        const id = state.focus?.id;
        if (!id) continue;
        next.set(id, [...(next.get(id) ?? []), state.user?.name ?? 'Someone']);
      }
      setMap((prev) => (sameFocus(prev, next) ? prev : next));
    };
    compute();
    awareness.on('change', compute);
    return () => awareness.off('change', compute);
  }, [provider]);
  return map;
}

function sameFocus(a: FocusMap, b: FocusMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.length !== v.length || w.some((x, i) => x !== v[i])) return false;
  }
  return true;
}

/**
 * Who wrote with which Yjs client id: every name seen in this board's awareness during the session (the
 * server stamps `user` from the token), kept after the person leaves, so a notice about their edit can
 * still name them.
 */
export class ClientNames {
  private readonly names = new Map<number, string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(private readonly awareness: WebsocketProvider['awareness']) {
    awareness.on('change', this.read);
    this.read();
  }

  nameOf(client: number): string | null {
    return this.names.get(client) ?? null;
  }

  /** Changes when a new name is learnt; for useSyncExternalStore. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.awareness.off('change', this.read);
    this.listeners.clear();
  }

  private read = (): void => {
    let learnt = false;
    for (const [clientId, raw] of this.awareness.getStates()) {
      const name = (raw as PeerState).user?.name;
      if (name && this.names.get(clientId) !== name) {
        this.names.set(clientId, name);
        learnt = true;
      }
    }
    if (!learnt) return;
    this.version += 1;
    for (const listener of this.listeners) listener();
  };
}

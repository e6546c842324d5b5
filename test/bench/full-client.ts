/**
 * A full client: the stock provider a real device runs (y-websocket's WebsocketProvider for y-websocket
 * servers, HocuspocusProvider for Hocuspocus) with a whole Y.Doc. Used for correctness and for writers.
 */
import { createHash } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addShots, marker, now, shotId, SHOTS_KEY } from './shots';
import type { DialectName } from './wire';

export interface FullClientAddress {
  dialect: DialectName;
  /** y-websocket: the server URL the room is appended to; Hocuspocus: the socket URL. */
  serverUrl: string;
  room: string;
  token: string;
}

export interface DocSummary {
  shots: number;
  /** Shots whose id starts with the prefix asked for (0 when none was). */
  matching: number;
  /** Hash of the shot list's content with keys sorted, equal on two replicas that converged. */
  hash: string;
}

export class FullClient {
  readonly doc = new Y.Doc();
  private provider: WebsocketProvider | HocuspocusProvider | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  /** Shot count at the first synced event, which is what a user sees when the board opens. */
  shotsAtFirstSync = -1;

  constructor(private readonly address: FullClientAddress) {}

  connect(timeoutMs: number): Promise<number> {
    const { dialect, serverUrl, room, token } = this.address;
    const started = performance.now();
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`full client not synced within ${timeoutMs} ms: ${serverUrl} ${room}`)),
        timeoutMs,
      );
      const onSynced = () => {
        if (this.shotsAtFirstSync >= 0) return;
        this.shotsAtFirstSync = this.doc.getMap(SHOTS_KEY).size;
        clearTimeout(timer);
        resolve(performance.now() - started);
      };
      if (dialect === 'hocuspocus') {
        const socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill: WebSocket });
        const provider = new HocuspocusProvider({
          websocketProvider: socket,
          name: room,
          document: this.doc,
          token,
        });
        provider.on('synced', onSynced);
        // A provider given its socket does not attach itself.
        provider.attach();
        this.provider = provider;
        this.socket = socket;
      } else {
        const provider = new WebsocketProvider(serverUrl, room, this.doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          params: token ? { token } : {},
          disableBc: true,
        });
        provider.on('sync', (isSynced: boolean) => {
          if (isSynced) onSynced();
        });
        this.provider = provider;
      }
    });
  }

  /** Sets the notes of this writer's own shot to a marker (the shot is created by the first edit). */
  edit(writerId: number, seq: number): void {
    const shots = this.doc.getMap<Y.Map<unknown>>(SHOTS_KEY);
    const id = shotId(`f${writerId}`, 0);
    this.doc.transact(() => {
      if (!shots.has(id)) addShots(this.doc, `f${writerId}`, 0, 1);
      shots.get(id)!.set('notes', marker(writerId, seq, now()));
    });
  }

  addShots(prefix: string, count: number): void {
    addShots(this.doc, prefix, 0, count);
  }

  summary(prefix?: string): DocSummary {
    const json = this.doc.getMap(SHOTS_KEY).toJSON();
    const ids = Object.keys(json);
    return {
      shots: ids.length,
      matching: prefix ? ids.filter((id) => id.startsWith(prefix)).length : 0,
      hash: createHash('sha1').update(canonical(json)).digest('hex'),
    };
  }

  destroy(): void {
    this.provider?.destroy();
    this.provider = null;
    this.socket?.destroy();
    this.socket = null;
    this.doc.destroy();
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

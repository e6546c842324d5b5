/**
 * A full client: the stock provider a real device runs (y-websocket's WebsocketProvider for y-websocket
 * servers, HocuspocusProvider for Hocuspocus) with a whole Y.Doc. Used for correctness and for writers.
 */
import { createHash } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addShots, findMarkers, marker, now, shotId, SHOTS_KEY, type FoundMarker } from './shots';
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

export interface FullClientOptions {
  /** Announce a user in awareness, as every tablet does (the provider then renews it every 15 s). */
  presence?: string;
  /** Called with the markers of every update the server delivers, once the document has applied it. */
  onMarkers?: (client: FullClient, markers: FoundMarker[], arrivedAt: number) => void;
}

export class FullClient {
  readonly doc = new Y.Doc();
  private provider: WebsocketProvider | HocuspocusProvider | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  /** Shot count at the first synced event, which is what a user sees when the board opens. */
  shotsAtFirstSync = -1;
  /** Markers seen since the last reset, as writer * 1e8 + seq (as for light clients). */
  readonly seen = new Set<number>();
  /** A receiver never writes; the field lets delivery counting treat full and light receivers alike. */
  readonly writer = -1;
  /** Close codes of every connection the provider lost after it first synced (it reconnects by itself). */
  readonly closes: number[] = [];

  constructor(
    private readonly address: FullClientAddress,
    private readonly options: FullClientOptions = {},
  ) {}

  /**
   * Reports the markers of a frame the provider received, once the provider has handled it (the document
   * holds the edit). The raw frame, not the document's 'update' event: when a server merges two edits of
   * one field into one frame, Yjs garbage-collects the overwritten value inside the same transaction, and
   * the event would no longer show that it arrived.
   */
  private received(frame: Uint8Array): void {
    const { onMarkers } = this.options;
    if (!onMarkers) return;
    const markers = findMarkers(frame);
    if (markers.length > 0) onMarkers(this, markers, now());
  }

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
        // 'message' is emitted just before the provider applies the frame; the microtask runs after.
        provider.on('message', ({ event }: { event: { data: ArrayBuffer } }) => {
          const frame = new Uint8Array(event.data);
          queueMicrotask(() => this.received(frame));
        });
        socket.on('close', ({ event }: { event: { code: number } }) => {
          if (this.shotsAtFirstSync >= 0) this.closes.push(event.code);
        });
        // A provider given its socket does not attach itself.
        provider.attach();
        this.provider = provider;
        this.socket = socket;
        this.announce(provider.awareness);
      } else {
        const provider = new WebsocketProvider(serverUrl, room, this.doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          params: token ? { token } : {},
          disableBc: true,
        });
        provider.on('sync', (isSynced: boolean) => {
          if (isSynced) onSynced();
        });
        const handlers = provider.messageHandlers;
        const handleSync = handlers[0]!;
        handlers[0] = (encoder, decoder, p, emitSynced, messageType) => {
          const frame = decoder.arr.subarray(decoder.pos);
          handleSync(encoder, decoder, p, emitSynced, messageType);
          this.received(frame);
        };
        provider.on('connection-close', (event: { code: number } | null) => {
          if (this.shotsAtFirstSync >= 0) this.closes.push(event?.code ?? 0);
        });
        this.provider = provider;
        this.announce(provider.awareness);
      }
    });
  }

  private announce(awareness: { setLocalStateField(field: string, value: unknown): void } | null): void {
    const name = this.options.presence;
    if (!name || !awareness) return;
    // What our client puts in presence: a name, a colour and the board being looked at.
    awareness.setLocalStateField('user', { name, color: '#2f6fde', board: this.address.room });
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

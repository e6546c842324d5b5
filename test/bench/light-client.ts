/**
 * A light client: a raw WebSocket that joins a document with the least the protocol allows, then reads
 * frames and the markers in them without building a document. Optionally it writes: it keeps a tiny Y.Doc
 * of its own edits only (its own shot row), which is all a valid update needs.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addShots, marker, now, shotId, SHOTS_KEY, findMarkers, type FoundMarker } from './shots';
import type { Dialect } from './wire';

export interface LightClientOptions {
  url: string;
  dialect: Dialect;
  /** Also look for markers in the full state a (re)join brings, not only in live updates. */
  scanState: boolean;
  onMarkers: (client: LightClient, markers: FoundMarker[], arrivedAt: number) => void;
}

export class LightClient {
  private ws: WebSocket | null = null;
  private doc: Y.Doc | null = null;
  private writerId = -1;
  synced = false;
  /** Time from starting to connect to holding the server's state (its sync step 2). */
  syncMs = Number.NaN;
  bytesUntilSynced = 0;
  /** Markers seen since the last reset, as writer * 1e8 + seq. */
  readonly seen = new Set<number>();
  closeCode = 0;

  constructor(private readonly options: LightClientOptions) {}

  connect(timeoutMs: number): Promise<void> {
    this.synced = false;
    this.bytesUntilSynced = 0;
    const started = performance.now();
    const { dialect } = this.options;
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.options.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => {
        reject(new Error(`light client not synced within ${timeoutMs} ms: ${this.options.url}`));
        ws.terminate();
      }, timeoutMs);
      ws.on('open', () => {
        for (const frame of dialect.open()) ws.send(frame);
        for (const frame of dialect.start()) ws.send(frame);
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`light client socket failed (${this.options.url}): ${error.message}`));
      });
      ws.on('close', (code) => {
        this.closeCode = code;
        clearTimeout(timer);
        if (!this.synced) reject(new Error(`light client closed with ${code} before it synced`));
      });
      ws.on('message', (data: Buffer) => {
        const arrivedAt = now();
        if (!this.synced) this.bytesUntilSynced += data.byteLength;
        const incoming = dialect.parse(data);
        switch (incoming.kind) {
          case 'authenticated':
            for (const frame of dialect.start()) ws.send(frame);
            break;
          case 'step1':
            ws.send(dialect.answerStep1());
            break;
          case 'step2':
            if (this.options.scanState) this.report(findMarkers(incoming.payload), arrivedAt);
            if (!this.synced) {
              this.synced = true;
              this.syncMs = performance.now() - started;
              clearTimeout(timer);
              resolve();
            }
            break;
          case 'update':
            this.report(findMarkers(incoming.payload), arrivedAt);
            break;
          default:
        }
      });
    });
  }

  private report(markers: FoundMarker[], arrivedAt: number): void {
    if (markers.length > 0) this.options.onMarkers(this, markers, arrivedAt);
  }

  /** Makes this client a writer with its own shot row; the row goes out with the first edit. */
  becomeWriter(writerId: number): void {
    this.writerId = writerId;
    const doc = new Y.Doc();
    this.doc = doc;
    doc.on('update', (update: Uint8Array) => this.send(update));
  }

  get writer(): number {
    return this.writerId;
  }

  /** One edit of this writer's shot: its notes field set to a fresh marker. */
  edit(seq: number): void {
    const doc = this.doc;
    if (!doc) throw new Error('edit() on a light client that is not a writer');
    const shots = doc.getMap<Y.Map<unknown>>(SHOTS_KEY);
    const id = shotId(`w${this.writerId}`, 0);
    doc.transact(() => {
      if (!shots.has(id)) addShots(doc, `w${this.writerId}`, 0, 1);
      shots.get(id)!.set('notes', marker(this.writerId, seq, now()));
    });
  }

  /** An edit made while offline: a new shot row carrying a marker, kept in the local doc until sent. */
  offlineShot(seq: number): void {
    const doc = this.doc;
    if (!doc) throw new Error('offlineShot() on a light client that is not a writer');
    const prefix = `w${this.writerId}s${seq}`;
    // A writer holds its own edit whether or not the server echoes it back.
    this.seen.add(this.writerId * 100_000_000 + seq);
    doc.transact(() => {
      addShots(doc, prefix, 0, 1);
      doc
        .getMap<Y.Map<unknown>>(SHOTS_KEY)
        .get(shotId(prefix, 0))!
        .set('notes', marker(this.writerId, seq, now()));
    });
  }

  /** Whatever the local doc holds, as one update (what a reconnecting client sends in its sync step 2). */
  sendLocalState(): void {
    if (this.doc) this.send(Y.encodeStateAsUpdate(this.doc));
  }

  sendRaw(update: Uint8Array): void {
    this.send(update);
  }

  private send(update: Uint8Array): void {
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(this.options.dialect.update(update));
  }

  /** An abrupt drop, as when a tablet loses Wi-Fi: no close handshake. */
  drop(): void {
    this.ws?.terminate();
    this.ws = null;
    this.synced = false;
  }

  close(): Promise<void> {
    const ws = this.ws;
    this.ws = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  destroy(): void {
    this.ws?.terminate();
    this.ws = null;
    this.doc?.destroy();
    this.doc = null;
  }
}

/**
 * A y-websocket client over one SocketPair's client end: the stock provider's messages (step 1 and its
 * awareness on open, step 2 answers, local updates and awareness changes), built with y-protocols, but sent
 * and received only when the test flushes the pair.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { onTestFinished } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { SocketPair } from './socket-pair';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export class HarnessClient {
  readonly awareness: awarenessProtocol.Awareness;
  /** The server's step 2 arrived: the document holds everything the server had when it answered. */
  synced = false;

  constructor(
    readonly pair: SocketPair,
    readonly doc = new Y.Doc(),
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    onTestFinished(() => this.awareness.destroy());
    pair.client.onFrame = (data) => this.receive(data);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.pair.client.send(encoding.toUint8Array(encoder));
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin !== 'local') return;
      this.sendAwareness([...added!, ...updated!, ...removed!]);
    });
    // What the stock provider sends as the socket opens.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    pair.client.send(encoding.toUint8Array(encoder));
    if (this.awareness.getLocalState() !== null) this.sendAwareness([doc.clientID]);
  }

  /** Other clients' awareness states this client holds, by client id. */
  remoteStates(): Map<number, Record<string, unknown>> {
    const states = new Map(this.awareness.getStates() as Map<number, Record<string, unknown>>);
    states.delete(this.doc.clientID);
    return states;
  }

  private sendAwareness(clients: number[]): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    this.pair.client.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(encoder) > 1) this.pair.client.send(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }
}

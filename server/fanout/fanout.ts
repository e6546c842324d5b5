/**
 * Fan-out of document traffic between server instances. A room relays to its own sockets directly; this
 * carries what must also reach the same document's rooms on other instances. Implementations: in-process
 * (several sync services in one process, as tests and the single-process default use) and Redis.
 * Messages are the y-websocket frames themselves, already encoded once by the sender.
 */

export type FanoutKind = 'update' | 'awareness';

export interface FanoutHandler {
  message(kind: FanoutKind, payload: Uint8Array): void;
  /**
   * The transport may have missed messages (e.g. it reconnected): the room must re-read its document from
   * the store and merge, and re-announce its awareness.
   */
  resync(): void;
}

/** One handler's subscription to a document. */
export interface FanoutSubscription {
  /**
   * Stops delivery to this handler only. A room that ends late (its compaction stuck in a store outage) must
   * not take the subscription of the room that replaced it, so this is never keyed by the document's name.
   */
  unsubscribe(): Promise<void>;
}

export interface Fanout {
  /** Distinguishes this instance's own messages so they are neither re-applied nor re-published. */
  readonly instanceId: string;
  /** Several handlers of one document (an old room ending, its successor loading) each receive everything. */
  subscribe(docName: string, handler: FanoutHandler): Promise<FanoutSubscription>;
  /** Fire and forget: a failure is the transport's to log and recover with `resync`. */
  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void;
  close(): Promise<void>;
}

/**
 * The server's Prometheus metrics, in one registry that /metrics serves. Counters rather than rates: the
 * scraper's rate() gives per-second figures without the server keeping windows.
 * Other parts (API, set channel) register their own metrics on `registry`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Open sync WebSockets. */
  connections: Gauge;
  /** Documents held in memory. */
  documents: Gauge;
  /** Of those, documents held as encoded bytes because nobody changed them for a while. */
  dormantDocuments: Gauge;
  /** Dormant documents brought back to life by a change (a high rate means the dormancy delay is too short). */
  wakes: Counter;
  absorbed: Counter;
  /** Update messages (sync step 2 and update) accepted from clients. */
  updatesReceived: Counter;
  bytesReceived: Counter;
  bytesSent: Counter;
  /** One observation per group commit (one store.append for a turn's updates of all documents). */
  appendSeconds: Histogram;
  /** Frames refused, by reason (server/protocol/reject.ts). */
  rejectedFrames: Counter<'reason'>;
  /** Sync connections closed, by the close code the server sent (or the client's, when it closed first). */
  closes: Counter<'code'>;
  /** Documents flushed and dropped from memory after their last connection left. */
  unloads: Counter;
  /** Bytes of received updates held in memory because the store failed or stalled (0 when healthy). */
  heldBytes: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({
      name: 'setboard_sync_connections',
      help: 'Open sync WebSocket connections',
      registers,
    }),
    documents: new Gauge({
      name: 'setboard_sync_documents_loaded',
      help: 'Board documents loaded in memory',
      registers,
    }),
    dormantDocuments: new Gauge({
      name: 'setboard_sync_documents_dormant',
      help: 'Loaded documents held as encoded bytes until someone changes them',
      registers,
    }),
    wakes: new Counter({
      name: 'setboard_sync_document_wakes_total',
      help: 'Dormant documents woken by a change',
      registers,
    }),
    absorbed: new Counter({
      name: 'setboard_sync_dormant_updates_total',
      help: 'Client updates applied to a dormant document as bytes, without waking it',
      registers,
    }),
    updatesReceived: new Counter({
      name: 'setboard_sync_updates_received_total',
      help: 'Yjs updates accepted from clients',
      registers,
    }),
    bytesReceived: new Counter({
      name: 'setboard_sync_bytes_received_total',
      help: 'Bytes of sync frames received',
      registers,
    }),
    bytesSent: new Counter({
      name: 'setboard_sync_bytes_sent_total',
      help: 'Bytes of sync frames sent',
      registers,
    }),
    appendSeconds: new Histogram({
      name: 'setboard_store_append_seconds',
      help: 'Latency of one group-commit append to the document store',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    rejectedFrames: new Counter({
      name: 'setboard_sync_rejected_frames_total',
      help: 'Frames refused by the sync server, by reason',
      labelNames: ['reason'],
      registers,
    }),
    closes: new Counter({
      name: 'setboard_sync_closes_total',
      help: 'Sync connections closed, by close code',
      labelNames: ['code'],
      registers,
    }),
    unloads: new Counter({
      name: 'setboard_sync_unloads_total',
      help: 'Documents unloaded from memory',
      registers,
    }),
    heldBytes: new Gauge({
      name: 'setboard_store_held_bytes',
      help: 'Bytes of received updates waiting in memory for the store to take them (0 when it is healthy)',
      registers,
    }),
  };
}

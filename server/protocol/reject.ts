/**
 * Why the server refuses a frame, and the close code each refusal carries. One table, so the wire document,
 * the metrics label and the close code cannot drift apart.
 */
import { CloseCode } from '../../shared/close-codes';

export const REJECT_REASONS = [
  'text-frame',
  'frame-too-large',
  'truncated',
  'varint-out-of-range',
  'unknown-message-type',
  'unknown-sync-type',
  'invalid-update',
  'invalid-state-vector',
  'invalid-awareness',
  'trailing-bytes',
  'flood',
  'read-only',
  'awareness-too-many-clients',
  'awareness-state-too-large',
  'document-too-large',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * `null`: the frame (or the awareness entry) is dropped and the socket stays open. A reader's stock provider
 * answers our sync step 1 with a step 2 on every (re)connect; closing for it would make the reader reconnect
 * forever. An awareness entry over its caps is dropped alone: the rest of the frame (echoes of other people's
 * states, the sender's own state) is good. Going over a rate is no refusal at all: the connection is throttled
 * (docs/PROTOCOL.md, "Limits"); only a flood far past any real client is closed, with a retryable code.
 */
export const REJECT_CLOSE_CODES: Record<RejectReason, number | null> = {
  'text-frame': CloseCode.MalformedMessage,
  'frame-too-large': CloseCode.FrameTooLarge,
  truncated: CloseCode.MalformedMessage,
  'varint-out-of-range': CloseCode.MalformedMessage,
  'unknown-message-type': CloseCode.MalformedMessage,
  'unknown-sync-type': CloseCode.MalformedMessage,
  'invalid-update': CloseCode.MalformedMessage,
  'invalid-state-vector': CloseCode.MalformedMessage,
  'invalid-awareness': CloseCode.MalformedMessage,
  'trailing-bytes': CloseCode.MalformedMessage,
  flood: CloseCode.RateLimited,
  'read-only': null,
  'awareness-too-many-clients': null,
  'awareness-state-too-large': null,
  'document-too-large': CloseCode.DocumentTooLarge,
};

export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** For logs: where decoding stopped and why. Never contains frame content. */
  detail: string;
}

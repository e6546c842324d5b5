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
  'rate-limited-updates',
  'rate-limited-awareness',
  'read-only',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * `null`: the frame is dropped and the socket stays open. A reader's stock provider answers our sync step 1
 * with a step 2 on every (re)connect; closing for it would make the reader reconnect forever.
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
  'rate-limited-updates': CloseCode.RateLimited,
  'rate-limited-awareness': CloseCode.RateLimited,
  'read-only': null,
};

export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** For logs: where decoding stopped and why. Never contains frame content. */
  detail: string;
}

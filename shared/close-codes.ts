/**
 * WebSocket close codes the sync server uses, split by one question: can reconnecting fix it?
 *
 * y-websocket 3's default `shouldReconnect` never reconnects after a code in 4400-4499 and always does after
 * any other. So 4400-4499 (mirroring HTTP 4xx) is kept for what a retry cannot fix: a bad or revoked token,
 * no access, a malformed or oversized frame, a full document. Every transient condition uses a code a stock
 * provider retries: the standard 1011/1012/1013, or 4000-4099, where the last two digits echo the HTTP
 * status an operator would expect (4008 ~ 408, 4009 ~ 409, 4029 ~ 429). docs/PROTOCOL.md has the table.
 */
export const CloseCode = {
  /** The server is restarting or shutting down; reconnect shortly. Standard code 1012 (Service Restart). */
  Restarting: 1012,
  /**
   * The server cannot persist edits right now (a document failed to load from storage, or storage is
   * unreachable and its buffer is full). Standard code 1013 (Try Again Later); edits stay on the device.
   */
  StorageUnavailable: 1013,
  /** No message within the idle limit. Reconnecting costs a tablet nothing. */
  Timeout: 4008,
  /** The client fell behind: its send buffer passed the bound. Reconnect and resync; nothing was skipped silently. */
  SlowConsumer: 4009,
  /**
   * Far more messages at once than any real client sends (a burst is throttled, not closed: see
   * docs/PROTOCOL.md, "Limits"). Retryable: a client that floods by accident recovers by itself.
   */
  RateLimited: 4029,
  /** A frame that is not a well-formed y-websocket message: text frame, bad varint, unknown type, invalid update. */
  MalformedMessage: 4400,
  /** The token was revoked or has expired while the socket was open. */
  Unauthorized: 4401,
  /** The member's role lost read access to this board while the socket was open. */
  Forbidden: 4403,
  /** A frame larger than the configured maximum. */
  FrameTooLarge: 4413,
  /**
   * The edit would take the document past its maximum size; it was not applied. Not retryable: the same
   * edit would be refused again on every reconnect.
   */
  DocumentTooLarge: 4422,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** Whether a stock y-websocket 3 provider reconnects after `code` (its default `shouldReconnect`). */
export function stockClientRetries(code: number): boolean {
  return !(code >= 4400 && code < 4500);
}

export const CLOSE_REASONS: Record<number, string> = {
  [CloseCode.Restarting]: 'The server is restarting. Reconnecting…',
  [CloseCode.StorageUnavailable]:
    'The server cannot save edits right now; your edits are kept on this device.',
  [CloseCode.Timeout]: 'The connection was idle too long. Reconnecting…',
  [CloseCode.SlowConsumer]: 'This device fell behind; resyncing.',
  [CloseCode.RateLimited]: 'This device sent far too much at once. Reconnecting…',
  [CloseCode.MalformedMessage]: 'The server rejected a malformed message from this device.',
  [CloseCode.Unauthorized]: 'Your access to this production was revoked or has expired.',
  [CloseCode.Forbidden]: 'Your role can no longer open this board.',
  [CloseCode.FrameTooLarge]: 'An edit was larger than the server accepts.',
  [CloseCode.DocumentTooLarge]:
    'This board has reached its maximum size, so the last edit was not saved. Delete something to make room.',
};

/**
 * WebSocket close codes the sync server uses. 4xxx codes mirror HTTP statuses so an operator reading a log
 * knows the class of failure at a glance; the client maps each to a message a person understands.
 * Stock y-websocket providers reconnect after any close, which is what the resync codes rely on.
 */
export const CloseCode = {
  /** The server is restarting or shutting down; reconnect shortly. Standard code 1012 (Service Restart). */
  Restarting: 1012,
  /** A frame that is not a well-formed y-websocket message: text frame, bad varint, unknown type, invalid update. */
  MalformedMessage: 4400,
  /** The token was revoked or has expired while the socket was open. */
  Unauthorized: 4401,
  /** The member's role lost read access to this board while the socket was open. */
  Forbidden: 4403,
  /** No message (or no pong) within the idle limit. */
  Timeout: 4408,
  /** The client fell behind: its send buffer passed the bound. Reconnect and resync; nothing was skipped silently. */
  SlowConsumer: 4409,
  /** A frame larger than the configured maximum. */
  FrameTooLarge: 4413,
  /** Too many updates or awareness messages per second from this connection. */
  RateLimited: 4429,
  /** The server cannot persist edits right now (storage unreachable and its buffer full); writes are refused. */
  StorageUnavailable: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

export const CLOSE_REASONS: Record<number, string> = {
  [CloseCode.Restarting]: 'The server is restarting. Reconnecting…',
  [CloseCode.MalformedMessage]: 'The server rejected a malformed message from this device.',
  [CloseCode.Unauthorized]: 'Your access to this production was revoked or has expired.',
  [CloseCode.Forbidden]: 'Your role can no longer open this board.',
  [CloseCode.Timeout]: 'The connection was idle too long.',
  [CloseCode.SlowConsumer]: 'This device fell behind; resyncing.',
  [CloseCode.FrameTooLarge]: 'An edit was larger than the server accepts.',
  [CloseCode.RateLimited]: 'Too many edits per second from this device.',
  [CloseCode.StorageUnavailable]:
    'The server cannot save edits right now; your edits are kept on this device.',
};

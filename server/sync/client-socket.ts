/**
 * The one client socket a Connection talks to. ws's WebSocket satisfies it as it is; tests drive the sync
 * core through an in-memory pair (test/sync/harness/socket-pair.ts) whose queues move only when the test
 * says so, which is how the races between a socket, its room and the registry are made deterministic.
 */

/** The WHATWG WebSocket ready states (the values ws uses). */
export const SocketState = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

export interface ClientSocket {
  readonly readyState: number;
  /** Bytes queued for the client and not yet handed to the network. */
  readonly bufferedAmount: number;
  send(data: Buffer): void;
  close(code: number, reason: string): void;
  /** Ends the socket at once, without a close handshake. */
  terminate(): void;
  ping(): void;
  /** Stops emitting messages (and reading from the network) until resume(): backpressure on a sender. */
  pause(): void;
  resume(): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'pong', listener: () => void): this;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
  on(event: 'close', listener: (code: number) => void): this;
}

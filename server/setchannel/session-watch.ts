/**
 * Re-checks each connected device's token now and then, so a session whose token expired while it was open
 * ends, and so does one whose revocation event was lost (the control bus is fire and forget across instances).
 * Tokens stay in this process: socket.data crosses instances through the adapter and must not carry secrets.
 */
import type { Directory } from '../directory/directory';
import { TokenWatch } from '../auth/token-watch';
import type { Logger } from '../logger';

export interface SessionWatchOptions {
  directory: Directory;
  intervalMs: number;
  /** Called once for a socket whose token no longer authenticates; it is no longer tracked afterwards. */
  onInvalid(socketId: string): void;
  logger: Logger;
}

export class SessionWatch extends TokenWatch<string> {
  constructor(private readonly options: SessionWatchOptions) {
    super(options.intervalMs);
  }

  protected async pass(
    entries: ReadonlyArray<readonly [string, string]>,
    stillTracked: (socketId: string) => boolean,
  ): Promise<void> {
    try {
      for (const [socketId, token] of entries) {
        const principal = await this.options.directory.authenticate(token);
        if (principal || !stillTracked(socketId)) continue;
        this.untrack(socketId);
        this.options.onInvalid(socketId);
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'set channel: session check failed; retrying at the next interval');
    }
  }
}

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

export class SessionWatch {
  private readonly watch: TokenWatch<string>;

  constructor(private readonly options: SessionWatchOptions) {
    this.watch = new TokenWatch(options.intervalMs, (entries, stillTracked) =>
      this.pass(entries, stillTracked),
    );
  }

  track(socketId: string, token: string): void {
    this.watch.track(socketId, token);
  }

  untrack(socketId: string): void {
    this.watch.untrack(socketId);
  }

  start(): void {
    this.watch.start();
  }

  stop(): void {
    this.watch.stop();
  }

  /** One pass over every tracked socket; a pass still running when the next tick comes is not doubled. */
  check(): Promise<void> {
    return this.watch.check();
  }

  private async pass(
    entries: ReadonlyArray<readonly [string, string]>,
    stillTracked: (socketId: string) => boolean,
  ): Promise<void> {
    try {
      for (const [socketId, token] of entries) {
        const principal = await this.options.directory.authenticate(token);
        if (principal || !stillTracked(socketId)) continue;
        this.watch.untrack(socketId);
        this.options.onInvalid(socketId);
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'set channel: session check failed; retrying at the next interval');
    }
  }
}

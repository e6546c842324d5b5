/**
 * Re-checks each connected device's token now and then, so a session whose token expired while it was open
 * ends, and so does one whose revocation event was lost (the control bus is fire and forget across instances).
 * Tokens stay in this process: socket.data crosses instances through the adapter and must not carry secrets.
 */
import type { Directory } from '../directory/directory';
import type { Logger } from '../logger';

export interface SessionWatchOptions {
  directory: Directory;
  intervalMs: number;
  /** Called once for a socket whose token no longer authenticates; it is no longer tracked afterwards. */
  onInvalid(socketId: string): void;
  logger: Logger;
}

export class SessionWatch {
  private readonly tokens = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly options: SessionWatchOptions) {}

  track(socketId: string, token: string): void {
    this.tokens.set(socketId, token);
  }

  untrack(socketId: string): void {
    this.tokens.delete(socketId);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.intervalMs);
    // A pending check must never keep a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tokens.clear();
  }

  /** One pass over every tracked socket; a pass still running when the next tick comes is not doubled. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const [socketId, token] of [...this.tokens]) {
        const principal = await this.options.directory.authenticate(token);
        if (principal || !this.tokens.has(socketId)) continue;
        this.tokens.delete(socketId);
        this.options.onInvalid(socketId);
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'set channel: session check failed; retrying at the next interval');
    } finally {
      this.checking = false;
    }
  }
}

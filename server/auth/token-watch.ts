/**
 * The tokens of open sockets, checked again on an interval: a token that expired, or a revocation whose
 * control-bus message was lost (the bus is fire and forget across instances), then takes effect within one
 * interval. The sync core and the set channel each decide what a pass asks and what a refusal closes; this
 * holds the schedule, so a pass still running at the next tick is never doubled and a stopping process is
 * never kept alive. Tokens stay in this process's memory, never in logs or in data that crosses instances.
 */
export abstract class TokenWatch<K> {
  private readonly tokens = new Map<K, string>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly intervalMs: number) {}

  /** Checks `entries` (socket and token); `stillTracked` says whether a socket was untracked meanwhile. */
  protected abstract pass(
    entries: ReadonlyArray<readonly [K, string]>,
    stillTracked: (key: K) => boolean,
  ): Promise<void>;

  track(key: K, token: string): void {
    this.tokens.set(key, token);
  }

  untrack(key: K): void {
    this.tokens.delete(key);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tokens.clear();
  }

  /** One pass over every tracked socket; keys untracked meanwhile are skipped by the pass. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.pass([...this.tokens], (key) => this.tokens.has(key));
    } finally {
      this.checking = false;
    }
  }
}

/**
 * Runs a task per key at most once per `delayMs`, never two at once for the same key, and once more after a
 * run if something changed during it. Fifty people joining at crew call then cost a few roster broadcasts
 * instead of fifty, each one still reflecting every change before it.
 */
interface Entry {
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  again: boolean;
}

export class Coalescer {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  /** `task` handles its own errors; a rejection here is ignored so one failure never stops later runs. */
  constructor(
    private readonly delayMs: number,
    private readonly task: (key: string) => Promise<void>,
  ) {}

  schedule(key: string): void {
    if (this.closed) return;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { timer: undefined, running: undefined, again: false };
      this.entries.set(key, entry);
    }
    // A waiting timer runs the task later, so it will see this change too.
    if (entry.timer) return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    this.arm(key, entry);
  }

  /** Stops scheduling and waits for runs in progress, so nothing runs on resources closed after this. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      if (entry.running) running.push(entry.running);
    }
    this.entries.clear();
    await Promise.allSettled(running);
  }

  private arm(key: string, entry: Entry): void {
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      const finish = () => {
        entry.running = undefined;
        if (entry.again && !this.closed) {
          entry.again = false;
          this.arm(key, entry);
        } else if (!entry.timer) {
          this.entries.delete(key);
        }
      };
      entry.running = this.task(key).then(finish, finish);
    }, this.delayMs);
  }
}

/**
 * A per-connection budget (messages or bytes): refills at `ratePerSecond` up to one second's worth. A message
 * is admitted while the bucket holds at least one token and then costs what it costs, so one message larger
 * than a second's budget (a tablet's offline edits) still goes through and is paid back before the next.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    now: number,
  ) {
    this.tokens = ratePerSecond;
    this.last = now;
  }

  /** Milliseconds until the next message may be admitted; 0: now. `now` in milliseconds. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  /** Charges `cost` tokens, overdrawing if need be. */
  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  private refill(now: number): void {
    const elapsed = now - this.last;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.last = now;
  }
}

/** A token bucket: `capacity` burst, `refillPerSecond` sustained; pure except for the time given. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes one token at time `now` (ms); false when the bucket is empty (throttled). */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    // A full bucket discards extra refill, so bursts are bounded by capacity.
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

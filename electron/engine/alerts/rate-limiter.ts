/** A token bucket per source address: `perSecond` sustained, `burst` at once. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;
  perSecond: number;
  burst: number;

  constructor(perSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.#now = now;
  }

  /** Takes one token; false when the source must wait. */
  take(source: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(source) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(source, bucket);
    if (this.#buckets.size > 10_000) this.#forgetIdle(now);
    return allowed;
  }

  /** Seconds until the source may send again. */
  retryAfter(): number {
    return Math.max(1, Math.ceil(1 / this.perSecond));
  }

  #forgetIdle(now: number): void {
    for (const [source, bucket] of this.#buckets) if (now - bucket.at > 60_000) this.#buckets.delete(source);
  }
}

/**
 * Faults the fake injects on command. `rate_limit` answers 429 with Retry-After, `banned` 418,
 * `server_error` 500 {code:-1000}; `timeout_after_accept` handles the request (an order is stored)
 * and never answers, holding the socket; `drop` destroys the socket before handling;
 * `drop_after_accept` handles the request, then destroys the socket; `duplicate_fill` lists
 * every trade twice in a myTrades reply; `html_error` answers `status` with an HTML page (a proxy or
 * firewall in front of the exchange), which ccxt reports with the full request URL; `rewrite`
 * handles the request, then answers 200 with `rewrite(body)` (a hostile or odd exchange answer; a
 * string is sent as it is, not as JSON).
 */
export type FaultKind = 'html_error' | 'rate_limit' | 'banned' | 'server_error' | 'timeout_after_accept' | 'drop' | 'drop_after_accept' | 'duplicate_fill' | 'rewrite';

export interface FaultRule {
  kind: FaultKind;
  /** `METHOD /api/v3/path`, e.g. `POST /api/v3/order`; every request when absent. */
  endpoint?: string;
  /** How many matching requests it hits; every one until cleared when absent. */
  times?: number;
  /** Seconds sent in Retry-After with rate_limit/banned. */
  retryAfterSec?: number;
  /** HTTP status of an html_error (401 by default). */
  status?: number;
  /** The answer of a `rewrite`, from the fake's own. */
  rewrite?: (body: unknown) => unknown;
}

export class FaultPlan {
  private rules: (FaultRule & { times: number })[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, times: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one of its uses; the first matching rule wins. */
  take(endpoint: string): FaultRule | null {
    const rule = this.rules.find((r) => (r.endpoint === undefined || r.endpoint === endpoint) && r.times > 0);
    if (!rule) return null;
    rule.times -= 1;
    return rule;
  }
}

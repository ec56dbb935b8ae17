import type { EngineHealth } from '../../../shared/contract/engine.ts';

/** One line of the health panel: the part, whether it is well, and what it says in plain words. */
export interface HealthLine {
  part: string;
  ok: boolean;
  text: string;
}

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString();

/** The engine's parts as the trader reads them, one line each; the ones that are not well say why. */
export function healthLines(health: EngineHealth): HealthLine[] {
  const { feed, webhooks, storage } = health;
  const feedText = feed.source === 'simulated' ? 'Simulated market' : feed.connected ? `${feed.source} live` : `${feed.source} not answering (${feed.failures} failed attempts in a row${feed.lastError ? `: ${feed.lastError}` : ''})`;
  return [
    { part: 'Market feed', ok: feed.connected && feed.fallbackReason === null, text: feed.fallbackReason ? `${feedText}. ${feed.fallbackReason}` : feedText },
    ...health.venues.map((v) => ({
      part: `Account ${v.accountId}`,
      ok: v.connected,
      text: v.connected ? 'Connected' : `Not connected: ${v.problem ?? 'no reason given'}${v.retryAt ? `; next try at ${clockTime(v.retryAt)}` : ''}`,
    })),
    ...health.reconciliation
      .filter((r) => r.state !== 'ready' || r.mismatches > 0)
      .map((r) => ({
        part: `Reconciliation ${r.accountId}`,
        ok: false,
        text: r.state === 'ready' ? `${r.mismatches} difference${r.mismatches === 1 ? '' : 's'} with the venue to decide on the Reconcile page` : r.state === 'reconciling' ? 'Reconciling: no new orders until it finishes' : `Failed: ${r.reason ?? 'no reason given'}`,
      })),
    { part: 'Webhook listener', ok: webhooks.listening, text: webhooks.listening ? 'Listening' : (webhooks.error ?? 'Not listening') },
    { part: 'Disk', ok: storage.status === 'ok', text: storage.status === 'ok' ? 'Takes writes' : (storage.message ?? 'Full') },
  ];
}

/** The last error logged, with its ref to find in the log, or null. */
export function lastErrorText(health: EngineHealth): string | null {
  const last = health.errors.recent[0];
  if (!last) return null;
  return `${clockTime(last.at)} ${last.message}${last.ref ? ` (ref ${last.ref})` : ''}`;
}

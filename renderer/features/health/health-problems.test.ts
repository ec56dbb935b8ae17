import { describe, expect, it } from 'vitest';
import type { EngineHealth } from '../../../shared/contract/engine.ts';
import { healthLines, lastErrorText } from './health-problems.ts';

const healthy: EngineHealth = {
  feed: { source: 'simulated', connected: true, failures: 0, lastError: null, fallbackReason: null },
  venues: [{ accountId: 'paper', connected: true, problem: null, retryAt: null }],
  reconciliation: [{ accountId: 'paper', state: 'ready', reason: null, mismatches: 0 }],
  webhooks: { listening: true, error: null },
  storage: { status: 'ok', message: null },
  errors: { count: 0, recent: [] },
};

describe('the health panel’s lines', () => {
  it('reads all well when every part is', () => {
    expect(healthLines(healthy).every((l) => l.ok)).toBe(true);
    expect(lastErrorText(healthy)).toBeNull();
  });

  it('says what is wrong with each part that is not, in plain words', () => {
    const sick: EngineHealth = {
      ...healthy,
      feed: { source: 'binance', connected: false, failures: 3, lastError: 'binance did not answer', fallbackReason: null },
      venues: [...healthy.venues, { accountId: 'b1', connected: false, problem: 'binance is unreachable', retryAt: null }],
      reconciliation: [...healthy.reconciliation, { accountId: 'b1', state: 'failed', reason: 'The venue is down', mismatches: 0 }, { accountId: 'b2', state: 'ready', reason: null, mismatches: 1 }],
      webhooks: { listening: false, error: 'Port 80 is in use' },
      storage: { status: 'full', message: 'The disk is full' },
      errors: { count: 4, recent: [{ at: 0, message: 'Could not record a venue report', ref: 'a1b2c3' }] },
    };
    const bad = healthLines(sick).filter((l) => !l.ok).map((l) => `${l.part}: ${l.text}`);
    expect(bad).toEqual([
      'Market feed: binance not answering (3 failed attempts in a row: binance did not answer)',
      'Account b1: Not connected: binance is unreachable',
      'Reconciliation b1: Failed: The venue is down',
      'Reconciliation b2: 1 difference with the venue to decide on the Reconcile page',
      'Webhook listener: Port 80 is in use',
      'Disk: The disk is full',
    ]);
    expect(lastErrorText(sick)).toMatch(/ Could not record a venue report \(ref a1b2c3\)$/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClosedTrade } from './closed-trades.ts';
import { lockedMessage, percent, utcTime } from './lock-words.ts';
import { lowProfit, MINUTE_MS, stopLossGuard, windowStart } from './protection-rules.ts';

const AT = Date.UTC(2026, 0, 5, 23, 50);
const trade = (realizedPnl: number, entryValue = 100, byProtection = true): ClosedTrade => ({ id: 1, symbol: 'SOL/USDT', closedAt: AT, realizedPnl, entryValue, byProtection });
const guard = { enabled: true, tradeLimit: 3, lookbackMinutes: 60, lockMinutes: 30, perSymbol: false };
const low = { enabled: true, tradeLimit: 1, lookbackMinutes: 60, lockMinutes: 60, requiredProfit: 0 };

describe('protection rules', () => {
  it('adding a stop-out never lifts the stop-loss guard (monotonic in the count)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ pnl: fc.double({ min: -1e9, max: 1e9, noNaN: true }), byProtection: fc.boolean() }), { maxLength: 12 }), (rows) => {
        const trades = rows.map((r) => trade(r.pnl, 100, r.byProtection));
        const before = stopLossGuard(guard, '*', trades, AT) !== null;
        const after = stopLossGuard(guard, '*', [...trades, trade(-1e-9)], AT) !== null;
        expect(!before || after).toBe(true);
        expect(before).toBe(trades.filter((t) => t.byProtection && t.realizedPnl < 0).length >= 3);
      }),
    );
  });

  it('the window never reaches back before the last lock of the same rule and scope', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 43_200 }), fc.option(fc.integer({ min: 0, max: AT }), { nil: null }), (lookback, lastLock) => {
        const start = windowStart(AT, lookback, lastLock);
        expect(start).toBeGreaterThanOrEqual(AT - lookback * MINUTE_MS);
        if (lastLock !== null) expect(start).toBeGreaterThanOrEqual(lastLock);
      }),
    );
  });

  it('low profit fails closed on a ratio it cannot compute, and reads a tiny loss as a loss', () => {
    expect(lowProfit(low, 'SOL/USDT', [trade(Number.NaN)], AT)?.reason).toContain('made an unknown profit');
    expect(lowProfit(low, 'SOL/USDT', [trade(1, 0)], AT)).toBeNull();
    expect(lowProfit(low, 'SOL/USDT', [trade(-1, 0)], AT)).not.toBeNull();
    expect(lowProfit(low, 'SOL/USDT', [trade(-1e-9, 1e9)], AT)?.reason).toBe('1 trade within 60 min made -1e-16 % (-1e-9 net), under the required 0 % (low-profit lock)');
  });

  it('says the date when the lock ends on another UTC day, and the seconds only when there are some', () => {
    expect(utcTime(AT + 30 * MINUTE_MS, AT)).toBe('2026-01-06 00:20 UTC');
    expect(utcTime(AT + 1500, AT)).toBe('23:50:01 UTC');
    expect(percent(0.0123)).toBe('1.23 %');
    expect(lockedMessage({ accountId: 'paper', symbol: '*', until: AT + MINUTE_MS, reason: 'x (cooldown)' }, AT)).toBe('Every symbol on account paper locked until 23:51 UTC: x (cooldown)');
  });
});

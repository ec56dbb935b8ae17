import { describe, expect, it } from 'vitest';
import { bars } from '../testing.ts';
import { parseAlertCsv } from './alert-csv.ts';
import { replayAlerts, type ReplayOptions } from './replay.ts';

/** Bars one minute apart from 2026-01-05T10:00Z: bar i opens at minute i. */
const T0 = Date.UTC(2026, 0, 5, 10);
const at = (minute: number, second = 0) => new Date(T0 + minute * 60_000 + second * 1000).toISOString();
const barsFrom10 = (rows: Parameters<typeof bars>[0]) => {
  const candles = bars(rows);
  candles.ts.forEach((ts, i) => (candles.ts[i] = T0 + ts));
  return candles;
};
const alertsOf = (csv: string) => {
  const parsed = parseAlertCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const plain: ReplayOptions = { qty: 1, stopLoss: 'alerts', takeProfit: 'alerts' };

describe('alert replay through the backtester', () => {
  it('fills each alert at the open of the first bar after it, as worked out by hand', () => {
    const candles = barsFrom10([
      [100, 101, 99, 100],
      [100, 102, 99, 101],
      [102, 104, 101, 103],
      [103, 106, 102, 105],
      [105, 108, 104, 107],
      [107, 108, 103, 104],
      [104, 105, 100, 101],
    ]);
    const alerts = alertsOf(
      [
        'time,action',
        `${at(-1)},long`, // before the first bar: nothing to fill it at
        `${at(0, 30)},long`, // inside bar 0 → bar 1 opens at 100
        `${at(3, 5)},close`, // inside bar 3 → bar 4 opens at 105: +5
        `${at(4)},short`, // exactly at bar 4's open: the next open after it is bar 5's, 107
        `${at(5, 1)},exit_long`, // short, not long: changes nothing
        `${at(6, 1)},close`, // after the last open: never filled
      ].join('\n'),
    );
    const result = replayAlerts(candles, alerts, plain);
    if (!result.ok) throw new Error(result.error.message);
    const { trades, openTrade, alerts: count, outsideCandles, ignored, metrics } = result.value;
    expect(trades).toEqual([{ side: 'long', qty: 1, entryTime: T0 + 60_000, exitTime: T0 + 240_000, entryPrice: 100, exitPrice: 105, pnl: 5, fees: 0, exitReason: 'signal' }]);
    expect(openTrade).toMatchObject({ side: 'short', entryTime: T0 + 300_000, entryPrice: 107, markPrice: 101, unrealizedPnl: 6 });
    expect({ count, outsideCandles, ignored }).toEqual({ count: 6, outsideCandles: 2, ignored: 1 });
    // Capital defaults to one entry at the first open (100): +5 realised, +6 open.
    expect(metrics.netProfit).toBe(11);
  });

  describe('a stop given as a distance replaces the alerts’ own stops', () => {
    // Long at bar 1's open (100) with the alert's 3 % stop (97). Bar 2 dips to 97.5, bar 3 to 96.5.
    const candles = barsFrom10([
      [100, 100.5, 99.5, 100],
      [100, 101, 99, 100],
      [100, 100.5, 97.5, 99],
      [99, 99.5, 96.5, 97],
      [97, 98, 96, 97.5],
    ]);
    const alerts = alertsOf(`${at(0, 10)},buy,3%,10%`);
    const exitOf = (options: ReplayOptions) => {
      const result = replayAlerts(candles, alerts, options);
      if (!result.ok) throw new Error(result.error.message);
      return { trades: result.value.trades.map((t) => [(t.exitTime - T0) / 60_000, t.exitPrice, t.pnl, t.exitReason]), open: result.value.openTrade?.entryPrice ?? null };
    };

    it('3 % as the alert says: stopped at 97 in bar 3', () => {
      expect(exitOf(plain)).toEqual({ trades: [[3, 97, -3, 'stop_loss']], open: null });
    });

    it('2 % instead: stopped at 98 one bar earlier, in bar 2', () => {
      expect(exitOf({ ...plain, stopLoss: 0.02 })).toEqual({ trades: [[2, 98, -2, 'stop_loss']], open: null });
    });

    it('no stop: still open at the end', () => {
      expect(exitOf({ ...plain, stopLoss: 'none' })).toEqual({ trades: [], open: 100 });
    });

    it('a 0.5 % take-profit instead of 10 %: taken at 100.5 in the entry bar itself', () => {
      expect(exitOf({ ...plain, takeProfit: 0.005 })).toEqual({ trades: [[1, 100.5, 0.5, 'take_profit']], open: null });
    });
  });

  it('refuses a malformed alerts file whole, naming each bad line', () => {
    const csv = ['time,action,stop_loss,take_profit,qty', `${at(0)},buy,2%,,1`, 'yesterday,buy', `${at(1)},hold`, `${at(2)},sell,-5`, `${at(3)},sell,,150%`, `${at(4)},close,,,0`, `${at(5)},close,,,,extra`].join('\n');
    const parsed = parseAlertCsv(csv);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (parsed.ok) return;
    expect(parsed.error.message).toMatch(/^The alerts file has 6 bad lines, nothing was replayed: Line 3: time "yesterday"/);
    expect(parsed.error.issues?.map((i) => i.message)).toEqual([
      'Line 3: time "yesterday" is not an ISO date or epoch seconds or milliseconds',
      'Line 4: action "hold" is not one of buy, sell, long, short, exit_long, exit_short, close, close_all, reverse',
      'Line 5: stop_loss "-5" must be a price above 0 or a percent such as 2%',
      'Line 6: take_profit "150%" must be a price above 0 or a percent such as 4%',
      'Line 7: qty "0" must be a number above 0',
      'Line 8: 6 cells where 5 columns are expected',
    ]);
    expect(parseAlertCsv('when,what\n1,buy')).toMatchObject({ ok: false, error: { message: 'Line 1: unknown column "when"; the columns are time, action, stop_loss, take_profit, qty' } });
    expect(parseAlertCsv('')).toMatchObject({ ok: false, error: { message: 'The alerts file is empty' } });
  });

  it('reads a file without a header in the documented column order, epoch seconds and aliases included', () => {
    expect(alertsOf('60,flat\n120000000000,exit,100.5')).toEqual([
      { time: 60_000, action: 'close', stopLoss: null, takeProfit: null },
      { time: 120_000_000_000, action: 'close', stopLoss: { price: 100.5 }, takeProfit: null },
    ]);
  });
});

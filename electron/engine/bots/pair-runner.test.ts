import { describe, expect, it } from 'vitest';
import { ArbitrageParamsSchema } from '../../../shared/domain/strategy-params.ts';
import { SpreadArbitrage } from '../strategies/arbitrage.ts';
import { flatBar } from '../testing/bars.ts';
import { PairRunner } from './pair-runner.ts';
import { pairDesk } from './testing/pair-desk.ts';

// Costs 4 x 10 bps = 0.4 %, entry 0.1 % net: in beyond a 0.5 % gap, out below 0.05 %.
const strategy = () => new SpreadArbitrage(ArbitrageParamsSchema.parse({ kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.05, feeBpsA: 10, feeBpsB: 10, slippageBps: 0 }));
const at = (close: number, minute: number) => flatBar(close, minute * 60_000);

describe('a live arbitrage bot on two paper feeds', () => {
  it('buys the cheap venue and sells the dear one once both bars of a minute are in, and closes both as the gap narrows', async () => {
    const desk = await pairDesk();
    const runner = new PairRunner(strategy(), desk.executor);
    expect(await runner.start([at(50_000, 0)], [at(50_000, 0)])).toBe('hedged');
    desk.mark(50_000, 50_400); // 0.8 %
    expect(await runner.onClosedBar('a', at(50_000, 1))).toBeNull(); // B's bar of that minute not in yet
    expect(await runner.onClosedBar('b', at(50_400, 1))).toBe('hedged');
    expect(desk.executor.positions()).toMatchObject({ a: { qty: 1, avgPx: 50_000 }, b: { qty: -1, avgPx: 50_400 } });
    desk.mark(50_100, 50_110); // 0.02 %
    await runner.onClosedBar('b', at(50_110, 2));
    expect(await runner.onClosedBar('a', at(50_100, 2))).toBe('hedged');
    expect(desk.executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
    // A: +100, B: +290 (sold 50,400, bought back 50,110): the gap, less nothing (no fees on these paper venues).
    expect(desk.orders.position('arb', 'BTC/USDT').realizedPnl + desk.orders.position('arb-b', 'BTC/USDT').realizedPnl).toBe(390);
    expect(desk.alerts).toEqual([]);
  });

  it('drops a bar the other feed skipped, and never pairs bars of different minutes', async () => {
    const desk = await pairDesk();
    const runner = new PairRunner(strategy(), desk.executor);
    desk.mark(50_000, 50_400);
    await runner.onClosedBar('a', at(50_000, 1));
    expect(await runner.onClosedBar('b', at(50_400, 2))).toBeNull();
    expect(desk.executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
  });

  it('on start after a crash between the legs, closes the leg left alone and alerts the trader', async () => {
    const first = await pairDesk();
    await first.orders.place({ botId: 'arb-b', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 1, source: 'strategy' });
    await first.db.destroy();
    const desk = await pairDesk(first.file, {}, false);
    expect(await new PairRunner(strategy(), desk.executor).start([], [])).toBe('repaired');
    expect(desk.executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
    expect(desk.alerts[0]).toContain("Arbitrage bot 'BTC gap': an unhedged leg was closed");
    expect(desk.alerts[0]).toContain('bought 1 on leg B (paper-b)');
  });
});

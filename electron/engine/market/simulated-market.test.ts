import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/open-database.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { SIMULATED_INSTRUMENTS } from './instruments.ts';
import { SimulatedMarket } from './simulated-market.ts';

/** Stands in for a bot whose work per price update takes `ms` of CPU. */
const slowListener = (ms: number) => () => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('simulated market', () => {
  it('lets other work run in the middle of a round instead of holding the event loop for all of it', async () => {
    const { db, sqlite, close } = await openDatabase(join(tempDir(), 'market.sqlite'));
    const market = new SimulatedMarket({ db, sqlite, clock: manualClock() }, { instruments: SIMULATED_INSTRUMENTS, ticksPerBar: 10, historyBars: 1, candlesPerSecond: 1000 });
    await market.init();
    market.subscribe(slowListener(5));
    const order: string[] = [];
    setImmediate(() => order.push('a webhook request'));
    await market.advance(3);
    order.push('round done');
    expect(order).toEqual(['a webhook request', 'round done']);
    await close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../../headless/testing/test-host.ts';
import { tempDir } from '../testing/temp-dir.ts';

const MINUTE = 60_000;
const start = Date.UTC(2024, 0, 1);
const BARS = 12_000;

describe('backtest.candles over the API (real engine and store)', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
    const rows = Array.from({ length: BARS }, (_, i) => ({ venue: 'sample', symbol: 'XYZ/USDT', timeframe: '1m', ts: start + i * MINUTE, open: 100, high: i === 7_777 ? 250 : 101, low: i === 9_001 ? 3 : 99, close: 100, volume: 1 }));
    const { db } = host.engine.services;
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('candles').values(rows.slice(i, i + 1000)).execute();
  });
  afterAll(() => host.close());

  it("gives the run's range merged to at most 5000 bars, keeping the extreme high and low", async () => {
    const input = { venue: 'sample', symbol: 'XYZ/USDT', timeframe: '1m', from: start + 1000 * MINUTE, to: start + BARS * MINUTE, strategy: { kind: 'ma_crossover' as const, fast: 2, slow: 4 }, qty: 1 };
    let id = '';
    for await (const event of await host.client.backtest.run(input)) if (event.kind === 'done') id = event.run.id;
    const { per, candles } = await host.client.backtest.candles({ id });
    // 11,000 stored bars in the range, 3 per drawn bar.
    expect(per).toBe(3);
    expect(candles).toHaveLength(Math.ceil(11_000 / 3));
    expect(candles[0]!.ts).toBe(input.from);
    expect(Math.max(...candles.map((c) => c.high))).toBe(250);
    expect(Math.min(...candles.map((c) => c.low))).toBe(3);
  });

  it('answers NOT_FOUND for a run that does not exist', async () => {
    await expect(host.client.backtest.candles({ id: 'no-such-run' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

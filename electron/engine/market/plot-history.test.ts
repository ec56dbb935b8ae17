import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/candle.ts';
import { insertCandlesBulk } from '../persistence/candles.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { createStrategy, type Strategy } from '../strategies/strategy.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { WARM_CHUNK_ROWS, warmPlots } from './plot-history.ts';
import { PlotSampler } from './plot-series.ts';

const MIN = 60_000;
const START = Date.UTC(2026, 10, 1);
const crossover = (): Strategy => createStrategy({ kind: 'ma_crossover', fast: 7, slow: 30, ma: 'ema' }) as Strategy;

describe('warmPlots', () => {
  it('warms in chunks over the newest bars exactly as one pass over the same bars, across gaps', async () => {
    const opened = await openDatabase(join(tempDir(), 'plots.sqlite'));
    try {
      const key = { venue: 'paper', symbol: 'BTC/USDT', timeframe: '1m' };
      // Two chunks and a half, with an hour missing every 1,000 bars.
      const bars: Candle[] = Array.from({ length: Math.floor(WARM_CHUNK_ROWS * 2.5) }, (_, i) => {
        const close = 100 + Math.sin(i / 50) * 10 + i * 1e-3;
        return { ts: START + (i + Math.floor(i / 1000) * 60) * MIN, open: close, high: close + 1, low: close - 1, close, volume: 1 };
      });
      insertCandlesBulk(opened.sqlite, key, bars);
      const rows = WARM_CHUNK_ROWS * 2 + 17;
      const chunked = await warmPlots(opened.db, key, rows, new PlotSampler(crossover(), 5 * MIN));
      const onePass = new PlotSampler(crossover(), 5 * MIN).history(bars.slice(-rows));
      expect(chunked).toEqual(onePass);
      expect(chunked[0]?.points.length).toBeGreaterThan(2000);

      const fewer = await warmPlots(opened.db, { ...key, symbol: 'ETH/USDT' }, rows, new PlotSampler(crossover(), MIN));
      expect(fewer.map((s) => s.points)).toEqual([[], []]);
    } finally {
      await opened.close();
    }
  });
});

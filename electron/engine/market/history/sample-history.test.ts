import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteSeries, latestCandle, listSeries } from '../../persistence/candles.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { SAMPLE_BTC, SAMPLE_SERIES, seedSampleHistory } from './sample-history.ts';

const RESOURCES = join('resources', 'history');
const plenty = () => 50 * 1024 ** 3;

describe('sample history at first start', () => {
  it('stores the S&P 500 daily bars and a year of 1-minute BTC/USDT, the same on every machine, once', async () => {
    const opened = await openDatabase(join(tempDir(), 'a.sqlite'));
    expect(await seedSampleHistory(opened, RESOURCES, plenty)).toEqual({ ok: true, value: { seeded: true } });
    const series = await listSeries(opened.db);
    expect(series).toEqual([
      { ...SAMPLE_SERIES.btc, firstTs: SAMPLE_BTC.start, lastTs: SAMPLE_BTC.start + (SAMPLE_BTC.count - 1) * 60_000, count: 525_600 },
      { ...SAMPLE_SERIES.spx, firstTs: Date.UTC(2000, 0, 3), lastTs: expect.any(Number), count: 5105 },
    ]);
    const last = await latestCandle(opened.db, SAMPLE_SERIES.btc);
    // A year at 60 % volatility: far from zero and from the sky, and the same bar on every run.
    expect(last?.close).toBeGreaterThan(SAMPLE_BTC.startPrice / 5);
    expect(last?.close).toBeLessThan(SAMPLE_BTC.startPrice * 5);

    await deleteSeries(opened.db, SAMPLE_SERIES.spx);
    expect(await seedSampleHistory(opened, RESOURCES, plenty)).toEqual({ ok: true, value: { seeded: false } });
    expect(await listSeries(opened.db)).toHaveLength(1);
    await opened.close();

    const other = await openDatabase(join(tempDir(), 'b.sqlite'));
    await seedSampleHistory(other, RESOURCES, plenty);
    expect(await latestCandle(other.db, SAMPLE_SERIES.btc)).toEqual(last);
    await other.close();
  }, 30_000);

  it('waits for 1 GB free on the data disk, storing nothing until then', async () => {
    const opened = await openDatabase(join(tempDir(), 'd.sqlite'));
    const result = await seedSampleHistory(opened, RESOURCES, () => 15 * 1024 ** 2);
    expect(result).toMatchObject({ ok: false, error: { message: 'The sample history (about 45 MB) was not stored: 15 MB are free on the data disk; it is stored at a later start once 1 GB is free' } });
    expect(await listSeries(opened.db)).toEqual([]);
    expect(await seedSampleHistory(opened, RESOURCES, plenty)).toEqual({ ok: true, value: { seeded: true } });
    await opened.close();
  }, 30_000);

  it('says which file is missing and stores nothing', async () => {
    const opened = await openDatabase(join(tempDir(), 'c.sqlite'));
    const result = await seedSampleHistory(opened, join(tempDir(), 'nowhere'), plenty);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The sample S&P 500 history could not be stored: The file .*sp500-daily.csv could not be opened: there is no such file$/) } });
    expect(await listSeries(opened.db)).toEqual([]);
    await opened.close();
  });
});

import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import type { ExchangeMarket, PublicMarketData } from '../../venues/exchange.ts';
import { SymbolService } from './symbol-service.ts';
import { enableSymbols, listEnabled } from './symbols.repository.ts';

const market = (symbol: string, over: Partial<ExchangeMarket> = {}): ExchangeMarket => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, type: 'spot', active: true, tickSize: 0.01, stepSize: 0.0001, minNotional: 5, minQty: 0.0001, ...over };
};
const MARKETS = [market('BTC/USDT'), market('ETH/USDT'), market('SOL/USDT'), market('OLD/USDT', { active: false }), market('BAD/USDT', { tickSize: Number.NaN })];

/** An exchange's public data in memory, counting its calls. */
function fakeData(markets = MARKETS) {
  const calls = { markets: 0, tickers: 0 };
  let down = false;
  let tickersDown = false;
  const data: PublicMarketData = {
    exchangeId: 'binance',
    markets: async () => (calls.markets++, down ? fail('UNAVAILABLE', 'binance did not answer') : ok(markets)),
    tickers: async () => (calls.tickers++, tickersDown ? fail('REFUSED', 'okx does not list all tickers at once') : ok(markets.map((m, i) => ({ symbol: m.symbol, last: 1, quoteVolume24h: 1000 * (i + 1) })))),
    candles: async () => ok([]),
    close: async () => undefined,
  };
  return { data, calls, setDown: (value: boolean) => (down = value), setTickersDown: (value: boolean) => (tickersDown = value) };
}

async function setup() {
  const opened = await openDatabase(join(tempDir(), 'symbols.sqlite'));
  const fake = fakeData();
  const clock = manualClock();
  const service = new SymbolService({ db: opened.db, clock, source: { exchanges: async () => ['binance'], open: () => fake.data } });
  return { ...opened, fake, clock, service };
}

describe('symbol service on real SQLite', () => {
  it('enables a batch, keeps each symbol once, and keeps a multiplier through disable and enable', async () => {
    const { service, close } = await setup();
    const enabled = await service.enable('binance', ['BTC/USDT', 'ETH/USDT'], 2);
    expect(enabled.ok && enabled.value.map((s) => [s.symbol, s.riskMultiplier, s.tickSize])).toEqual([['BTC/USDT', 2, 0.01], ['ETH/USDT', 2, 0.01]]);
    expect(await service.setRiskMultiplier('binance', 'ETH/USDT', 0.25)).toMatchObject({ ok: true });
    expect((await service.disable('binance', ['ETH/USDT', 'SOL/USDT'])).map((s) => s.symbol)).toEqual(['BTC/USDT']);
    const again = await service.enable('binance', ['ETH/USDT', 'SOL/USDT']);
    expect(again.ok && again.value.map((s) => [s.symbol, s.riskMultiplier])).toEqual([['BTC/USDT', 2], ['ETH/USDT', 0.25], ['SOL/USDT', 1]]);
    await close();
  });

  it('refuses a whole batch holding an unknown, inactive or unusable market, naming each, and enables none of it', async () => {
    const { service, close } = await setup();
    const result = await service.enable('binance', ['BTC/USDT', 'NOPE/USDT', 'OLD/USDT', 'BAD/USDT']);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^None enabled: 3 of 4 symbols/);
      expect(result.error.issues?.map((i) => i.path)).toEqual([['symbols', 1], ['symbols', 2], ['symbols', 3]]);
      expect(result.error.issues?.[2]?.message).toContain('tick size NaN');
    }
    expect(await service.list('binance')).toEqual([]);
    await close();
  });

  it('rolls a batch back when the database refuses one of its rows (one transaction)', async () => {
    const { db, service, close } = await setup();
    await service.enable('binance', ['BTC/USDT'], 3);
    const rules = { base: 'X', quote: 'USDT', type: 'spot' as const, tickSize: 0.01, stepSize: 0.01, minNotional: 0, minQty: 0 };
    const batch = [
      { symbol: 'ETH/USDT', ...rules },
      { symbol: 'BTC/USDT', ...rules, riskMultiplier: 5 },
      { symbol: 'SOL/USDT', ...rules, tickSize: -1 },
    ];
    await expect(enableSymbols(db, 'binance', batch, 1)).rejects.toThrow(/CHECK constraint/);
    expect((await listEnabled(db, 'binance')).map((s) => [s.symbol, s.riskMultiplier])).toEqual([['BTC/USDT', 3]]);
    // The same for a NaN multiplier arriving past validation: stored as NULL, refused.
    await expect(enableSymbols(db, 'binance', [{ symbol: 'ETH/USDT', ...rules }, { symbol: 'SOL/USDT', ...rules, riskMultiplier: Number.NaN }], 1)).rejects.toThrow();
    expect((await sql<{ n: number }>`select count(*) as n from exchange_symbols`.execute(db)).rows[0]?.n).toBe(1);
    await close();
  });

  it('lists markets with unknown volumes, and says so, when the exchange gives no tickers', async () => {
    const { service, fake, close } = await setup();
    fake.setTickersDown(true);
    const page = await service.discover('binance', { types: ['spot'], minQuoteVolume24h: 0, activeOnly: true }, { by: 'volume', direction: 'desc' }, { offset: 0, limit: 10 });
    expect(page.ok && [page.value.markets.map((m) => [m.symbol, m.quoteVolume24h]), page.value.notice]).toEqual([
      [['BTC/USDT', null], ['ETH/USDT', null], ['SOL/USDT', null]],
      '24 h volumes and prices are unknown: okx does not list all tickers at once',
    ]);
    await close();
  });

  it('refuses a multiplier for a symbol never enabled, and an unknown exchange, in plain words', async () => {
    const { service, close } = await setup();
    const result = await service.setRiskMultiplier('binance', 'ETH/USDT', 2);
    expect(!result.ok && result.error.message).toBe('ETH/USDT was never enabled on binance: enable it first, then set its risk multiplier');
    const unknown = await service.discover('kraken', { types: ['spot'], minQuoteVolume24h: 0, activeOnly: true }, { by: 'volume', direction: 'desc' }, { offset: 0, limit: 10 });
    expect(!unknown.ok && unknown.error.message).toBe('The engine does not know an exchange named "kraken" (it knows binance)');
    await close();
  });

  it('pages discovery from markets loaded once, and does not keep a failed load', async () => {
    const { service, fake, clock, close } = await setup();
    const filters = { types: ['spot' as const], minQuoteVolume24h: 0, activeOnly: false };
    const sort = { by: 'volume' as const, direction: 'desc' as const };
    fake.setDown(true);
    const down = await service.discover('binance', filters, sort, { offset: 0, limit: 2 });
    expect(!down.ok && down.error.message).toBe('binance did not answer');
    fake.setDown(false);
    const first = await service.discover('binance', filters, sort, { offset: 0, limit: 2 });
    const second = await service.discover('binance', filters, sort, { offset: 2, limit: 2 });
    // BAD/USDT (a NaN tick size) cannot be traded: it is not listed.
    expect(first.ok && [first.value.total, first.value.markets.map((m) => m.symbol)]).toEqual([4, ['OLD/USDT', 'SOL/USDT']]);
    expect(second.ok && second.value.markets.map((m) => m.symbol)).toEqual(['ETH/USDT', 'BTC/USDT']);
    expect(fake.calls.markets).toBe(2);
    clock.advance(10 * 60_000);
    await service.discover('binance', filters, sort, { offset: 0, limit: 2 });
    expect(fake.calls.markets).toBe(3);
    await close();
  });
});

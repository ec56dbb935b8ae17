import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EnabledSymbol } from '../../../../shared/domain/symbol.ts';
import type { ExchangeMarket } from '../../venues/exchange.ts';
import type { MarketFeed } from '../exchange-feed.ts';
import type { SimulatedMarket } from '../simulated-market.ts';
import { enabledInstruments } from './enabled-instruments.ts';
import { instrumentOf } from './instrument-of.ts';

const btcPerp: ExchangeMarket = { symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', type: 'swap', active: true, tickSize: 0.1, stepSize: 0.001, minNotional: 5, minQty: 0.001 };

describe('exchange markets as instruments', () => {
  it('keeps the exchange’s increments and minimum, raised to what the minimum quantity costs at a price', () => {
    expect(instrumentOf('paper', btcPerp)).toEqual({ ok: true, value: { venue: 'paper', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', tickSize: 0.1, stepSize: 0.001, minNotional: 5 } });
    expect(instrumentOf('paper', btcPerp, 65_000)).toMatchObject({ ok: true, value: { minNotional: 65 } });
    expect(instrumentOf('paper', { ...btcPerp, minNotional: Number.NaN, minQty: -1 }, 65_000)).toMatchObject({ ok: true, value: { minNotional: 0 } });
  });

  it.each([0, -0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses a tick size of %s, or a step size of it, in words', (bad) => {
    expect(instrumentOf('paper', { ...btcPerp, tickSize: bad })).toEqual({ ok: false, error: { code: 'REFUSED', message: `BTC/USDT:USDT on paper has no usable price increment (tick size ${bad})` } });
    expect(instrumentOf('paper', { ...btcPerp, stepSize: bad }).ok).toBe(false);
  });

  it('builds a following paper account’s instruments from the stored enabled symbols', () => {
    const stored: EnabledSymbol = { exchangeId: 'binance', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', type: 'spot', tickSize: 0.01, stepSize: 0.0001, minNotional: 5, minQty: 0.01, riskMultiplier: 1, updatedAt: 0 };
    expect(enabledInstruments('paper', [stored])).toEqual([{ venue: 'paper', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 }]);
    expect(enabledInstruments('paper', [stored], () => 3200)[0]?.minNotional).toBe(32);
  });

  it('lets the engine wire the simulated market or the exchange feed behind one interface', () => {
    expectTypeOf<SimulatedMarket>().toExtend<MarketFeed>();
  });
});

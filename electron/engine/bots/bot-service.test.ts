import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotConfig } from '../../../shared/domain/bot.ts';
import { createEngine, type Engine } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await createEngine({ dataDir: tempDir(), logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });
});
afterEach(() => engine.stop());

const config = (symbol: string, orderQty: number): BotConfig => ({ name: 'Sized', symbol, timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 3, slow: 7 }, orderQty, account: 'paper' });

describe('a bot’s order size is one the venue would take, checked when the bot is saved', () => {
  it('refuses a size under the step, with the reason on orderQty', async () => {
    const result = await engine.services.bots.create(config('BTC/USDT', 0.000001));
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Order size: 0.000001 BTC is below the smallest order of 0.00001 BTC', issues: [{ path: ['orderQty'], message: '0.000001 BTC is below the smallest order of 0.00001 BTC' }] } });
  });

  it('refuses a size worth less than the minimum order at the last price, on create and on update', async () => {
    const px = engine.services.lastPrice('SOL/USDT') ?? Number.NaN;
    const message = `0.01 SOL is worth ${(0.01 * px).toFixed(2)} USDT at ${px.toFixed(2)}, below the 5 USDT minimum`;
    expect(await engine.services.bots.create(config('SOL/USDT', 0.01))).toMatchObject({ ok: false, error: { issues: [{ path: ['orderQty'], message }] } });
    const created = await engine.services.bots.create(config('SOL/USDT', 1));
    if (!created.ok) throw new Error(created.error.message);
    expect(await engine.services.bots.update(created.value.id, config('SOL/USDT', 0.01))).toMatchObject({ ok: false, error: { issues: [{ path: ['orderQty'], message }] } });
    expect((await engine.services.bots.get(created.value.id)).ok && (await engine.services.bots.list())[0]?.orderQty).toBe(1);
  });
});

describe('a bot is bound to one account', () => {
  it('refuses an account that is not connected, naming the ones that are', async () => {
    const result = await engine.services.bots.create({ ...config('BTC/USDT', 0.01), account: 'binance-main' });
    const message = 'Account binance-main is not connected; choose one of paper';
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message, issues: [{ path: ['account'], message }] } });
    expect(await engine.services.bots.list()).toEqual([]);
  });
});

describe('an arbitrage bot', () => {
  it('is refused with the reason, not saved to sit running without its second venue', async () => {
    const result = await engine.services.bots.create({ ...config('BTC/USDT', 0.01), strategy: { kind: 'arbitrage', entrySpreadPct: 0.2, exitSpreadPct: 0.05, feeBpsA: 10, feeBpsB: 10, slippageBps: 2 } });
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: ['strategy'], message: expect.stringContaining('Arbitrage needs a second venue for its other leg') }] } });
    expect(await engine.services.bots.list()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { governorHarness } from './testing/harness.ts';

/**
 * A resting stop entry (a breakout buy above the market) trades at market once woken, at its
 * trigger or beyond: counted at the last price it would look half its size. BTC is at 100.
 */
describe('stop entries count at worst case in the exposure limits', () => {
  it('counts a buy stop at its trigger when that is above the last price', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxSymbolExposure: 500 });
    const breakout = await h.buy('b1', 4, { type: 'STOP', triggerPrice: 200 });
    expect(breakout).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('would bring BTC/USDT to 800.00 USDT at worst') });
    expect(breakout.rejectReason).toContain('a stop at its trigger');
    expect((await h.buy('b1', 2.5, { type: 'STOP', triggerPrice: 200 })).status).toBe('ACCEPTED'); // 500 at the trigger: exactly the limit
  });

  it('counts a stop-limit buy at the higher of its limit and its trigger', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxTotalExposure: 500 });
    expect(await h.buy('b1', 4, { type: 'STOP_LIMIT', triggerPrice: 200, price: 210 })).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('would bring the account to 840.00 USDT at worst') });
  });

  it('keeps counting a resting stop at its trigger against the next entry', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxSymbolExposure: 500 });
    expect((await h.buy('b1', 2, { type: 'STOP', triggerPrice: 200 })).status).toBe('ACCEPTED'); // 400 at worst
    expect(await h.buy('b2', 1.01)).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('would bring BTC/USDT to 501.00 USDT at worst (now 400.00 USDT') });
  });
});

import { createRouterClient } from '@orpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../index.ts';
import { silentLogger } from '../../ports/logger.ts';
import { simulatedOf } from '../../testing/simulated-of.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { LIMITS_OFF } from './governor.ts';

const DAY_MS = 86_400_000;
const tvBot = (name: string, symbol: string) => ({ name, symbol, timeframe: '1m' as const, strategy: { kind: 'tradingview' as const, maxEntries: 5 }, orderQty: 0.1, account: 'paper' });

describe('bots shown locked by the account governor', () => {
  let engine: Engine | undefined;
  afterEach(() => engine?.stop());

  async function open(clock = manualClock()) {
    engine = await createEngine({ dataDir: tempDir(), clock, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, market: { historyBars: 50 } });
    await simulatedOf(engine.services).advance(5); // prices arrive; an equity point is recorded
    return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }), clock };
  }

  it('shows every bot of an account locked by its daily loss limit, with the reason and the end time, and none once the limit is raised', async () => {
    const { engine, client } = await open();
    const eth = await client.bots.create(tvBot('Eth', 'ETH/USDT'));
    const sol = await client.bots.create(tvBot('Sol', 'SOL/USDT'));
    // The day opened 1000 USDT richer than the account is now: a 500 USDT daily limit is past.
    const equity = (await engine.services.accounts.equity('paper')) ?? 0;
    const now = engine.services.market.clock.now();
    await engine.services.db.insertInto('accountEquity').values({ accountId: 'paper', ts: Math.floor(now / DAY_MS) * DAY_MS, epoch: 1, equity: equity + 1000 }).execute();
    expect(await client.risk.entryBlocks()).toEqual([]);
    await client.risk.setLimits({ accountId: 'paper', limits: { ...LIMITS_OFF, dailyLossLimit: 500 } });
    await client.risk.governor(); // the watcher's look: the lock engages

    const blocks = await client.risk.entryBlocks();
    expect(blocks.map((b) => b.botId).sort()).toEqual([eth.id, sol.id].sort());
    for (const { reason } of blocks) expect(reason).toMatch(/^Daily loss limit 500(\.00)? USDT reached at \d\d:\d\d.*entries locked until 00:00 UTC$/);
    // The refusal an entry meets is the one the bot shows.
    const refused = await client.orders.place({ botId: eth.id, side: 'BUY', type: 'MARKET', qty: 0.1 });
    expect(refused.rejectReason).toBe(blocks[0]?.reason);

    await client.risk.setLimits({ accountId: 'paper', limits: { ...LIMITS_OFF, dailyLossLimit: 5000 } });
    expect(await client.risk.entryBlocks()).toEqual([]);
  });

  it('shows a bot locked while its symbol’s price is older than the account allows, and free once a price arrives', async () => {
    const { engine, client, clock } = await open();
    const eth = await client.bots.create(tvBot('Eth', 'ETH/USDT'));
    await client.risk.setLimits({ accountId: 'paper', limits: { ...LIMITS_OFF, maxPriceAgeSeconds: 60 } });
    expect(await client.risk.entryBlocks()).toEqual([]);
    clock.advance(60_000);
    expect(await client.risk.entryBlocks()).toEqual([]); // exactly at the limit: still fresh
    clock.advance(1_000);
    expect(await client.risk.entryBlocks()).toEqual([{ botId: eth.id, reason: 'The last ETH/USDT price is 61 s old (limit 60 s), so the risk limits cannot be checked; entries are refused until market data is fresh' }]);
    await simulatedOf(engine.services).advance(1);
    expect(await client.risk.entryBlocks()).toEqual([]);
  });
});

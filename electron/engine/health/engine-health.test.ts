import { createRouterClient } from '@orpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { FAKE_KEY, FAKE_SECRET, TestExchanges } from '../accounts/testing/exchange-fixture.ts';
import { createEngine, type Engine } from '../index.ts';
import { writeMarketSource } from '../market/market-source.ts';
import { enableSymbols } from '../market/symbols/symbols.repository.ts';
import type { PublicDataSource } from '../market/symbols/symbol-service.ts';
import { silentLogger } from '../ports/logger.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { until } from '../testing/full-disk.ts';
import { tempDir } from '../testing/temp-dir.ts';
import type { Venue } from '../venues/venue.ts';
import { parseExposition, sampleValue } from './testing/parse-exposition.ts';

/** A keychain in memory: the account's keys must be stored for its venue to be tried. */
class MemorySecrets implements SecretStore {
  readonly #entries = new Map<string, string>();
  status = async () => ({ usable: true as const });
  get = async (ref: string) => ok(this.#entries.get(ref) ?? null);
  set = async (ref: string, secret: string) => ok(void this.#entries.set(ref, secret));
  delete = async (ref: string) => ok(this.#entries.delete(ref));
  references = async () => ok([...this.#entries.keys()]);
}

/** An exchange that is out of reach: its venue cannot be opened. */
class UnreachableExchanges extends TestExchanges {
  override async openVenue(): Promise<Result<Venue>> {
    return fail('UNAVAILABLE', 'binance is unreachable: connect ETIMEDOUT');
  }
}

/** Public data whose candles never come: the live feed backs off. */
const feedDown: PublicDataSource = {
  exchanges: async () => ['binance'],
  open: () => ({
    exchangeId: 'binance',
    markets: async () => ok([]),
    tickers: async () => ok([]),
    candles: async () => fail('UNAVAILABLE', 'binance did not answer (connection refused)'),
    close: async () => undefined,
  }),
};

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function open(dataDir: string, publicData?: PublicDataSource) {
  const engine = await createEngine({
    dataDir,
    logger: silentLogger,
    webhook: { port: 0 },
    secrets: new MemorySecrets(),
    exchanges: new UnreachableExchanges(),
    environment: {},
    exchangeFeed: { historyBars: 5, pollMs: 50, requestSpacingMs: 5, backoff: { initialMs: 20, maxMs: 200 } },
    ...(publicData ? { publicData, startMarketTimer: true } : { startMarketTimer: false }),
  });
  engines.push(engine);
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}

describe('engine health', () => {
  it('shows an exchange account that cannot connect, a live feed backing off, and the last errors (message and ref only)', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const rules = { base: 'BTC', quote: 'USDT', type: 'spot', tickSize: 0.01, stepSize: 0.00001, minNotional: 5, minQty: 0.00001 } as const;
    await enableSymbols(first.engine.services.db, 'binance', [{ symbol: 'BTC/USDT', ...rules }], 0);
    await writeMarketSource(first.engine.services.db, { kind: 'exchange', exchangeId: 'binance', sandbox: false, options: {} });
    await engines.pop()?.stop();

    const { engine, client } = await open(dataDir, feedDown);
    await client.accounts.create({ accountId: 'b1', exchangeId: 'binance', label: 'B', credentials: { apiKey: FAKE_KEY, secret: FAKE_SECRET } });
    await until(async () => (await client.engine.health()).venues.some((v) => v.accountId === 'b1' && v.problem !== null), 'the exchange account tried');
    await until(async () => (await client.engine.health()).feed.failures >= 2, 'the feed backing off');
    engine.logger.error('Could not record a venue report', { ref: 'a1b2c3', error: new Error(`echo of ${FAKE_KEY}`) });

    const health = await client.engine.health();
    expect(health.feed).toMatchObject({ source: 'binance', connected: false, lastError: expect.stringContaining('binance did not answer'), fallbackReason: null });
    expect(health.venues).toContainEqual({ accountId: 'paper', connected: true, problem: null, retryAt: null });
    expect(health.venues).toContainEqual({ accountId: 'b1', connected: false, problem: 'binance is unreachable: connect ETIMEDOUT', retryAt: expect.any(Number) });
    expect(health.reconciliation).toContainEqual({ accountId: 'paper', state: 'ready', reason: null, mismatches: 0 });
    expect(health.webhooks).toEqual({ listening: true, error: null });
    expect(health.storage).toEqual({ status: 'ok', message: null });
    expect(health.errors.recent[0]).toEqual({ at: expect.any(Number), message: 'Could not record a venue report', ref: 'a1b2c3' });
    expect(health.errors.count).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(health)).not.toContain(FAKE_KEY);
    expect(JSON.stringify(health)).not.toContain(FAKE_SECRET);

    const metrics = parseExposition(await engine.services.metrics.text(engine.services));
    expect(sampleValue(metrics, 'stoxrobot_venue_connected', { account: 'b1' })).toBe(0);
    expect(sampleValue(metrics, 'stoxrobot_venue_connected', { account: 'paper' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_feed_connected')).toBe(0);
    expect(sampleValue(metrics, 'stoxrobot_feed_failures')).toBeGreaterThanOrEqual(2);
    expect(sampleValue(metrics, 'stoxrobot_logged_errors_total')).toBe(health.errors.count);
  });

  it('keeps only the last ten errors, newest first', async () => {
    const { engine, client } = await open(tempDir());
    for (let i = 1; i <= 12; i += 1) engine.logger.error(`Error number ${i}`);
    const { errors } = await client.engine.health();
    expect(errors.recent.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `Error number ${12 - i}`));
    expect(errors.count).toBe(12);
  });
});

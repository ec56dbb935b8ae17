import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeBinance, startFakeBinance } from './testing/fake-binance/server.ts';
import { venueOnFake } from './testing/venue-on-fake.ts';

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});

const printed: string[] = [];
const capture = () => {
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
};

async function failEveryWay(credentials: { apiKey: string; secret: string }): Promise<string[]> {
  const { venue, logger } = await venueOnFake(fake, { credentials, rateLimit: false, timeoutMs: 100 });
  const texts: string[] = [];
  const keep = (p: Promise<unknown>) => p.then((r) => texts.push(JSON.stringify(r)), (e: unknown) => texts.push(e instanceof Error ? `${e.name} ${e.message} ${e.stack ?? ''}` : String(e)));
  const order = (id: string) => ({ clientOrderId: id, symbol: 'BTC/USDT', side: 'BUY' as const, type: 'MARKET' as const, qty: 0.001, price: null });
  const faults = [['html_error', 401], ['html_error', 403], ['html_error', 400], ['timeout_after_accept'], ['drop'], ['server_error'], ['rate_limit'], ['banned'], ['drop_after_accept']] as const;
  for (const [kind, status] of faults) {
    fake.fault({ kind, status, times: 3, retryAfterSec: 0 });
    await keep(venue.submit(order(`sr-${kind}`)));
    await keep(venue.balances());
    await keep(venue.fetchOrder({ clientOrderId: `sr-${kind}`, symbol: 'BTC/USDT' }));
    await keep(venue.cancel({ clientOrderId: `sr-${kind}`, symbol: 'BTC/USDT' }));
    await keep(venue.fillsSince(0, ['BTC/USDT']));
    fake.faults.clear();
  }
  await keep(venue.submit({ ...order('sr-bad'), qty: 100 }));
  await venue.close();
  return [...texts, ...logger.entries.map((e) => JSON.stringify(e)), ...printed];
}

describe('no secret in any reply, error, log line or console output', () => {
  it.each([
    ['good keys', { apiKey: 'fake-api-key-0123456789abcdef', secret: 'fake-secret-fedcba9876543210' }],
    ['refused keys', { apiKey: 'WRONG-KEY-0123456789', secret: 'WRONG-SECRET-9876543210' }],
  ])('%s', async (_label, credentials) => {
    capture();
    const texts = await failEveryWay(credentials);
    expect(texts.length).toBeGreaterThan(20);
    const all = texts.join('\n');
    expect(all).toMatch(/did not answer|limiting|refused/); // the failures did happen and were said
    expect(all).toContain('/api/v3/account'); // ccxt's own text (with the request URL) did reach the messages
    expect(all).not.toContain(credentials.apiKey);
    expect(all).not.toContain(credentials.secret);
    expect(all).not.toMatch(/signature=[0-9a-f]{16}/i);
  }, 30_000);
});

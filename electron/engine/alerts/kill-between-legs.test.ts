import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { OrderSide } from '../../../shared/domain/order.ts';
import { roundPriceToTick } from '../execution/precision.ts';
import { SIMULATED_INSTRUMENTS } from '../market/instruments.ts';
import { createEngine, type EngineDeps } from '../index.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { hookedVenue } from './testing/hooked-venue.ts';

const CHILD = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const SOL = 'SOL/USDT';
const ETH = 'ETH/USDT';
const open = (dataDir: string, more: Partial<EngineDeps> = {}) => createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, ...more });

interface Scenario {
  action: string;
  /** Positions the bot holds before the alert: [symbol, side, qty]. */
  seeds: [string, OrderSide, number][];
  fields?: Record<string, unknown>;
  legs: number;
  after: Record<string, number>;
}

// The bot trades SOL/USDT with an order size of 1; the ETH position of close_all is one it opened
// before alerts were held to the bot's symbol.
const SCENARIOS: Scenario[] = [
  { action: 'buy', seeds: [], legs: 1, after: { [SOL]: 1 } },
  { action: 'sell', seeds: [], legs: 1, after: { [SOL]: -1 } },
  { action: 'long', seeds: [[SOL, 'SELL', 2]], fields: { stop_loss: '5%' }, legs: 2, after: { [SOL]: 1 } },
  { action: 'short', seeds: [[SOL, 'BUY', 2]], fields: { take_profit: '10%' }, legs: 2, after: { [SOL]: -1 } },
  { action: 'exit_long', seeds: [[SOL, 'BUY', 2]], fields: { amount: 0.5 }, legs: 1, after: { [SOL]: 1.5 } },
  { action: 'exit_short', seeds: [[SOL, 'SELL', 2]], legs: 1, after: { [SOL]: 0 } },
  { action: 'close', seeds: [[SOL, 'BUY', 2]], legs: 1, after: { [SOL]: 0 } },
  { action: 'close_all', seeds: [[SOL, 'BUY', 2], [ETH, 'BUY', 0.01]], legs: 2, after: { [SOL]: 0, [ETH]: 0 } },
  { action: 'reverse', seeds: [[SOL, 'BUY', 2]], legs: 1, after: { [SOL]: -1 } },
];

/** A running signal bot with its seed positions, in a stopped engine's data folder; returns the alert to send. */
async function prepare(dataDir: string, scenario: Scenario): Promise<string> {
  const engine = await open(dataDir);
  const created = await engine.services.bots.create({ name: 'TV', symbol: SOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
  if (!created.ok) throw new Error(created.error.message);
  const botId = created.value.id;
  for (const [symbol, side, qty] of scenario.seeds) await engine.services.orders.place({ botId, symbol, side, type: 'MARKET', qty });
  await engine.services.bots.setStatus(botId, 'running');
  const passphrase = await engine.services.webhooks.rotatePassphrase(botId);
  if (!passphrase.ok) throw new Error('no passphrase');
  await engine.stop();
  return JSON.stringify({ passphrase: passphrase.value.passphrase, bot: botId, action: scenario.action, ticker: 'BINANCE:SOLUSDT', id: 'crash-1', ...scenario.fields });
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('an alert killed between its legs (SIGKILL in a child process) is finished at the next start', () => {
  for (const scenario of SCENARIOS) {
    for (const point of ['after-submit', 'after-commit'] as const) {
      for (let n = 1; n <= scenario.legs; n++) {
        it(`${scenario.action}: killed ${point} of leg ${n} of ${scenario.legs}`, async () => {
          const dataDir = tempDir();
          const alert = await prepare(dataDir, scenario);
          const child = spawnSync(process.execPath, [CHILD, dataDir, point, String(n), alert], { encoding: 'utf8', timeout: 20_000 });
          expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
          expect(lines(join(dataDir, 'reply.log'))).toEqual(['200']);

          const recoverySubmits: string[] = [];
          const engine = await open(dataDir, { wrapVenue: (venue) => hookedVenue(venue, (order) => recoverySubmits.push(order.clientOrderId)) });
          try {
            const { db, orders } = engine.services;
            const [alertRow, ...others] = await db.selectFrom('alerts').select(['id', 'status', 'result']).execute();
            expect(others).toEqual([]);
            expect(alertRow).toMatchObject({ status: 'executed', result: null });
            const legIds = Array.from({ length: scenario.legs }, (_, i) => `sr-alert-${alertRow?.id}-${i}`);
            const childSubmits = lines(join(dataDir, 'submits.log'));

            // Every leg placed exactly once: what the child committed is not sent again, and the rest is sent once.
            const legOrders = await db.selectFrom('orders').select(['clientOrderId', 'status', 'filledQty', 'qty']).where('clientOrderId', 'like', 'sr-alert-%').orderBy('clientOrderId').execute();
            expect(legOrders.map((o) => [o.clientOrderId, o.status, o.filledQty === o.qty])).toEqual(legIds.map((id) => [id, 'FILLED', true]));
            const committedInChild = legIds.filter((id) => !recoverySubmits.includes(id));
            expect(new Set(recoverySubmits).size).toBe(recoverySubmits.length);
            expect(committedInChild.every((id) => childSubmits.includes(id))).toBe(true);
            expect(committedInChild.length).toBe(point === 'after-commit' ? n : n - 1);
            const fills = await db.selectFrom('fills').select('clientOrderId').where('clientOrderId', 'in', legIds).execute();
            expect(fills).toHaveLength(scenario.legs);

            const botId = (await engine.services.bots.list())[0]?.id ?? '';
            for (const [symbol, qty] of Object.entries(scenario.after)) expect(orders.position(botId, symbol).netQty).toBeCloseTo(qty, 9);
            expect((await db.selectFrom('alertLegs').select('status').execute()).map((l) => l.status)).toEqual(legIds.map(() => 'done'));
            expect(await db.selectFrom('webhookLog').select(['outcome', 'statusCode']).execute()).toEqual([{ outcome: 'executed', statusCode: 200 }]);
            expect((await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(db)).rows).toEqual([{ integrityCheck: 'ok' }]);
            await expectLevels(engine, scenario);
          } finally {
            await engine.stop();
          }
        });
      }
    }
  }
});

/** The alert's stop-loss or take-profit is set from the new entry even when the crash came before it. */
async function expectLevels(engine: Awaited<ReturnType<typeof open>>, scenario: Scenario): Promise<void> {
  const [bot] = await engine.services.bots.list();
  const botId = bot?.id ?? '';
  const levels = engine.services.levels(botId, SOL);
  if (!scenario.fields?.stop_loss && !scenario.fields?.take_profit) return expect(levels).toBeUndefined();
  const entry = engine.services.orders.position(botId, SOL).avgPxOpen;
  const sol = SIMULATED_INSTRUMENTS.find((i) => i.symbol === SOL);
  if (!sol) throw new Error('no SOL');
  expect(levels).toEqual(scenario.action === 'long' ? { stopLoss: roundPriceToTick(entry * 0.95, sol), takeProfit: null, closeError: null } : { stopLoss: null, takeProfit: roundPriceToTick(entry * 0.9, sol), closeError: null });
}

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storePlan } from '../persistence/alert-legs.repository.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { insertOrder } from '../persistence/orders.repository.ts';
import { insertAlertOnce } from '../persistence/webhooks.repository.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { showAge, tooOldToStart } from './alert-age.ts';

const DAY = 86_400_000;
const NOW = 10 * DAY;

async function storedAlert(legsPlaced: number) {
  const { db } = await openDatabase(join(tempDir(), 'age.sqlite'));
  await insertBot(db, { id: 'b', name: 'b', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 2 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const receivedAt = NOW - 3 * DAY;
  const id = (await insertAlertOnce(db, { dedupeKey: 'k', botId: 'b', receivedAt, commandJson: '{}' })) ?? 0;
  const leg = (n: number) => ({ alertId: id, leg: n, symbol: 'SOL/USDT', side: 'SELL' as const, type: 'MARKET' as const, qty: 1, price: null, clientOrderId: `sr-alert-${id}-${n}` });
  await storePlan(db, [leg(0), leg(1)]);
  for (let n = 0; n < legsPlaced; n++) {
    await insertOrder(db, { clientOrderId: `sr-alert-${id}-${n}`, venueOrderId: null, botId: 'b', venue: 'paper', symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 1, price: null, triggerPrice: null, status: 'FILLED', source: 'alert', filledQty: 1, avgFillPx: 100, rejectReason: null, tsInit: 0, tsEvent: 0 });
  }
  return { db, alert: { id, receivedAt } };
}

describe('an accepted alert too old to start trading', () => {
  it('is refused at a restart when none of its legs was placed, saying how old it is', async () => {
    const { db, alert } = await storedAlert(0);
    expect(await tooOldToStart(db, alert, NOW, 60, 'restart')).toBe('Received 3 days ago, before StoxRobot stopped; too old to trade now (the age limit is 60 s)');
  });

  it('is finished when a leg was placed already: the trader is half in', async () => {
    const { db, alert } = await storedAlert(1);
    expect(await tooOldToStart(db, alert, NOW, 60, 'restart')).toBeNull();
  });

  it('is traded within the limit, and always when the limit is off (0)', async () => {
    const { db, alert } = await storedAlert(0);
    expect(await tooOldToStart(db, alert, alert.receivedAt + 60_000, 60, 'queue')).toBeNull();
    expect(await tooOldToStart(db, alert, alert.receivedAt + 60_001, 60, 'queue')).toContain('waited behind other alerts');
    expect(await tooOldToStart(db, alert, NOW, 0, 'restart')).toBeNull();
  });

  it('says an age in the unit a trader would use', () => {
    expect([showAge(40_000), showAge(12 * 60_000), showAge(5 * 3_600_000), showAge(3 * DAY), showAge(-5)]).toEqual(['40 s', '12 minutes', '5 hours', '3 days', '0 s']);
  });
});

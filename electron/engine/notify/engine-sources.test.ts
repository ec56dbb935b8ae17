import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/order.ts';
import { FLAT, type PositionState } from '../execution/position-math.ts';
import { keysRefused, protectionHit, watchOrders } from './engine-sources.ts';
import type { NotifyEvent } from './notify-event.ts';

/** An order manager reduced to what the watcher reads: its listeners, and positions the test sets. */
function orders(initial: { botId: string; symbol: string; state: PositionState }[] = []) {
  const positions = new Map(initial.map((p) => [`${p.botId} ${p.symbol}`, p.state]));
  const listeners: ((order: Order) => void)[] = [];
  return {
    manager: {
      onOrderUpdate: (listener: (order: Order) => void) => void listeners.push(listener),
      position: (botId: string, symbol: string) => positions.get(`${botId} ${symbol}`) ?? FLAT,
      positionEntries: () => initial,
    },
    update(order: Order, netQty: number, realizedPnl: number, avgPxOpen = 100) {
      positions.set(`${order.botId} ${order.symbol}`, { ...FLAT, netQty, realizedPnl, avgPxOpen });
      for (const listener of listeners) listener(order);
    },
  };
}

const order = (id: string, side: 'BUY' | 'SELL', qty: number, px: number): Order => ({
  clientOrderId: id, venueOrderId: null, botId: 'bot-1', venue: 'paper', symbol: 'BTC/USDT', side, type: 'MARKET', qty, price: null, triggerPrice: null,
  status: 'FILLED', source: 'strategy', filledQty: qty, avgFillPx: px, rejectReason: null, tsInit: 1, tsEvent: 2,
});

describe('watching orders', () => {
  it('tells a fill once however often the venue reports it, and a flip as a close and an open', () => {
    const told: NotifyEvent[] = [];
    const fake = orders();
    watchOrders(fake.manager, (e) => told.push(e));
    const buy = order('sr-1', 'BUY', 0.5, 100);
    fake.update(buy, 0.5, 0);
    fake.update(buy, 0.5, 0); // the same fill reported again
    fake.update(order('sr-2', 'SELL', 1, 110), -0.5, 5, 110); // sells 1: closes the long (+5 USDT), opens a short
    expect(told.map((e) => e.title)).toEqual([
      'Order filled: BUY 0.5 BTC',
      'Position opened: long 0.5 BTC',
      'Order filled: SELL 1 BTC',
      'Position closed: BTC/USDT, P&L +5.00 USDT',
      'Position opened: short 0.5 BTC',
    ]);
  });

  it('does not announce positions already open at start, and tells their P&L from the start of the trip', () => {
    const told: NotifyEvent[] = [];
    const fake = orders([{ botId: 'bot-1', symbol: 'BTC/USDT', state: { ...FLAT, netQty: 2, realizedPnl: 40, avgPxOpen: 100 } }]);
    watchOrders(fake.manager, (e) => told.push(e));
    fake.update(order('sr-3', 'SELL', 2, 90), 0, 20);
    expect(told.map((e) => e.title)).toEqual(['Order filled: SELL 2 BTC', 'Position closed: BTC/USDT, P&L -20.00 USDT']);
  });
});

describe('what needs the trader', () => {
  it('names the account whose keys were refused and what to do; a take-profit says so with both prices', () => {
    expect(keysRefused('ex-1', 'Invalid API-key, IP, or permissions for action.', 5)).toEqual({
      kind: 'action_needed',
      title: 'Action needed: the exchange refused the keys of account ex-1',
      body: 'Invalid API-key, IP, or permissions for action. Its bots are paused until the keys are fixed on the Accounts page.',
      ts: 5,
    });
    expect(protectionHit('bot-1', 'ETH/USDT', 'take-profit at 4200', 4201.5, 6)).toMatchObject({
      kind: 'protection_hit',
      title: 'Take-profit hit: ETH/USDT',
      body: 'Bot bot-1: take-profit at 4200 USDT reached at 4201.5 USDT; closing the position.',
    });
  });
});

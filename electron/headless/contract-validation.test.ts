import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startTestHost } from './testing/test-host.ts';
import { NOTIFICATION_KINDS } from '../../shared/contract/notifications.ts';
import { DEFAULT_PROTECTIONS } from '../../shared/contract/risk-locks.ts';

const huge = 'x'.repeat(100_000);
const goodBot = { name: 'ok', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 5, slow: 20 }, orderQty: 0.01, account: 'paper' };

const goodExchangeAccount = { accountId: 'ex-1', exchangeId: 'binance', label: 'Main', credentials: { apiKey: 'key-123456', secret: 's' } };

const goodProtections = DEFAULT_PROTECTIONS;

const allNotifications = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true]));

/** For every procedure: inputs of the wrong type, with fields missing, or absurdly large. */
const MALFORMED: Record<string, unknown[]> = {
  'bots.list': ['nope', 42, []],
  'bots.get': [{}, { id: 5 }, { id: huge }, { id: '../etc' }],
  'bots.create': [
    {},
    { ...goodBot, name: '' },
    { ...goodBot, name: huge },
    { ...goodBot, orderQty: -1 },
    { ...goodBot, orderQty: '0.1' },
    { ...goodBot, orderQty: Number.POSITIVE_INFINITY },
    { ...goodBot, strategy: { kind: 'ma_crossover', fast: 20, slow: 5 } },
    { ...goodBot, strategy: { kind: 'martingale' } },
    ...[{ kind: 'rsi', oversold: 80, overbought: 20 }, { kind: 'macd', fast: 1e9 }, { kind: 'ma_crossover', fast: 5, slow: 20, ma: 'wma' }, { kind: 'zscore', entryZ: 1e308 * 10 }, { kind: 'bollinger', period: 2.5 }, { kind: 'momentum', mode: 'rsi' }].map((strategy) => ({ ...goodBot, strategy })),
    { ...goodBot, symbol: huge },
    { ...goodBot, symbol: 'DOGE/USDT' },
    { ...goodBot, timeframe: '7m' },
    { ...goodBot, account: 'live' },
    { ...goodBot, exits: { stopLoss: null, takeProfits: [{ at: { unit: 'percent', value: 1 }, percent: 60 }, { at: { unit: 'percent', value: 2 }, percent: 41 }], trailing: null, breakEven: null, atrPeriod: 14 } },
    { ...goodBot, exits: { stopLoss: { unit: 'pips', value: 5 }, takeProfits: [], trailing: null, breakEven: null, atrPeriod: 14 } },
    { ...goodBot, exits: { stopLoss: { unit: 'percent', value: 100 }, takeProfits: [], trailing: null, breakEven: null, atrPeriod: 14 } },
    { ...goodBot, exits: { stopLoss: null, takeProfits: Array.from({ length: 1000 }, () => ({ at: { unit: 'percent', value: 1 }, percent: 0.01 })), trailing: null, breakEven: null, atrPeriod: 14 } },
  ],
  'bots.update': [{ id: 'bot-x' }, { id: 'bot-x', config: { ...goodBot, orderQty: 0 } }, { config: goodBot }],
  'bots.delete': [{}, { id: null }],
  'bots.start': [{ id: [] }],
  'bots.pause': [{ id: {} }],
  'bots.stop': [{ id: huge }],
  'bots.closePosition': [{}, { id: huge }, { id: 'bot-x', stopFirst: 'yes' }],
  'market.instruments': ['x'],
  'market.candles': [{}, { symbol: 'BTC/USDT', timeframe: '1m', limit: 0 }, { symbol: 'BTC/USDT', timeframe: '1m', limit: 1e9 }, { symbol: 'BTC/USDT', timeframe: '1m', before: 'yesterday' }, { symbol: 'NOPE', timeframe: '1m' }],
  'market.live': [{}, { symbol: huge, timeframe: '1m' }],
  'market.retention': ['x'],
  'market.setRetention': [{}, { maxAgeDays: 0, maxBarsPerSymbol: 10_000 }, { maxAgeDays: 30, maxBarsPerSymbol: 10 }, { maxAgeDays: 1.5, maxBarsPerSymbol: 10_000 }, { maxAgeDays: '30', maxBarsPerSymbol: 10_000 }],
  'market.setSpeed': [{}, { candlesPerSecond: 0 }, { candlesPerSecond: 1e9 }, { candlesPerSecond: 'fast' }],
  'market.source': ['x'],
  'market.setSource': [{}, { kind: 'live' }, { kind: 'exchange' }, { kind: 'exchange', exchangeId: 'Binance!' }, { kind: 'exchange', exchangeId: huge }, { kind: 'exchange', exchangeId: 'binance', sandbox: 'yes' }, { kind: 'exchange', exchangeId: 'binance', options: [] }, { kind: 'exchange', exchangeId: 'binance', options: { a: huge } }, { kind: 'exchange', exchangeId: 'binance', options: { nested: { secret: 's' } } }],
  'orders.place': [
    {},
    { botId: 'bot-x', side: 'BUY', type: 'MARKET' },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: 0 },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: -1 },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: '1' },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: 1e300 },
    { botId: 'bot-x', side: 'HOLD', type: 'MARKET', qty: 1 },
    { botId: 'bot-x', side: 'BUY', type: 'STOP', qty: 1 },
    { botId: 'bot-x', side: 'BUY', type: 'LIMIT', qty: 1 },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: 1, price: 100 },
    { botId: 'bot-x', side: 'BUY', type: 'LIMIT', qty: 1, price: -5 },
    { botId: 'bot-x', side: 'SELL', type: 'MARKET', qty: 1, reduceOnly: 'yes' },
    { botId: huge, side: 'BUY', type: 'MARKET', qty: 1 },
    { botId: 'bot-x', symbol: huge, side: 'BUY', type: 'MARKET', qty: 1 },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: 1, clientOrderId: 'sr-alert-1-0' },
    { botId: 'bot-x', side: 'BUY', type: 'MARKET', qty: 1, clientOrderId: `sr-man-${'a'.repeat(40)}` },
  ],
  'orders.list': [{ limit: -1 }, { botId: huge }, { limit: 'all' }],
  'orders.cancel': [{}, { clientOrderId: huge }, { clientOrderId: 'a b' }],
  'orders.detail': [{}, { clientOrderId: huge }, { clientOrderId: '../x' }],
  'fills.list': [{ limit: 1.5 }],
  'positions.list': [{ botId: 7 }],
  'trades.list': [{ limit: true }],
  'trades.history': [{ limit: 0 }, { filter: { from: 5, to: 1 } }, { filter: { pnlMin: 2, pnlMax: 1 } }, { filter: { sources: [] } }, { filter: { symbols: [huge] } }, { sort: { by: 'secret' } }, { cursor: huge }, { filter: { unknown: 1 } }],
  'trades.detail': [{}, { id: 0 }, { id: -1 }, { id: 1.5 }, { id: '1e3' }, { id: 1, extra: true }],
  'analytics.dashboard': ['x', { mode: 'demo' }, { from: 5, to: 1 }, { from: -1 }, { to: Number.NaN }, { extra: 1 }],
  'trades.totals': [{ filter: { mode: 'demo' } }, { filter: { botIds: Array.from({ length: 101 }, (_, i) => `b${i}`) } }],
  'engine.status': [123],
  'engine.health': [123],
  'engine.events': ['x'],
  'webhooks.status': [false],
  'webhooks.configure': [{}, { host: '127.0.0.1', port: 70000, maxAgeSeconds: 60, allowTradingViewIpsOnly: false, rateLimitPerSecond: 5, rateLimitBurst: 10 }, { host: huge, port: 1, maxAgeSeconds: 1, allowTradingViewIpsOnly: 'no', rateLimitPerSecond: 5, rateLimitBurst: 10 }],
  'webhooks.log': [{ outcome: 'great' }, { limit: 0 }],
  'webhooks.rotatePassphrase': [{}, { botId: huge }],
  'webhooks.sendTest': [{}, { message: '' }, { message: huge }],
  'accounts.list': ['x'],
  'accounts.equity': [{}, { accountId: huge }, { accountId: 'paper', from: -1 }, { accountId: 'paper', limit: 0 }, { accountId: 'paper', to: 'now' }],
  'accounts.configure': [
    { accountId: 'paper' },
    { accountId: 'paper', startingBalances: [{ currency: 'USDT', amount: -1 }] },
    { accountId: 'paper', startingBalances: [{ currency: 'USDT', amount: Number.NaN }] },
    { accountId: 'paper', startingBalances: [{ currency: 'USDT', amount: 1e300 }] },
    { accountId: 'paper', startingBalances: [{ currency: 'usdt; drop', amount: 1 }] },
    { accountId: 'paper', startingBalances: [{ currency: 'USDT', amount: 1 }, { currency: 'USDT', amount: 2 }] },
    { accountId: 'paper', startingBalances: [{ currency: 'DOGE', amount: 1 }] },
  ],
  'accounts.reset': [{}, { accountId: 'a b' }],
  'reconcile.list': ['x'],
  'reconcile.run': [{}, { accountId: 'a b' }, { accountId: huge }],
  'reconcile.resolve': [
    { accountId: 'paper' },
    { accountId: 'paper', mismatchId: '', action: 'adopt' },
    { accountId: 'paper', mismatchId: 'x', action: 'explode' },
    { accountId: 'paper', mismatchId: huge, action: 'cancel' },
    { accountId: 'paper', mismatchId: 'x', action: 'adopt', botId: huge },
  ],
  'accounts.instruments': [{}, { accountId: 'a b' }, { accountId: huge }],
  'accounts.connections': ['x'],
  'accounts.exchanges': ['x'],
  'accounts.keychain': [7],
  'accounts.exchangeAccounts': ['x'],
  'accounts.create': [
    {},
    { ...goodExchangeAccount, accountId: 'a b' },
    { ...goodExchangeAccount, exchangeId: huge },
    { ...goodExchangeAccount, label: '' },
    { ...goodExchangeAccount, options: [] },
    { ...goodExchangeAccount, options: { a: huge } },
    { ...goodExchangeAccount, options: { nested: { apiKey: 'k' } } },
    { ...goodExchangeAccount, credentials: { apiKey: huge, secret: 's' } },
    { ...goodExchangeAccount, credentials: { apiKey: 'k', nonsense: 's' } },
    { ...goodExchangeAccount, sandbox: 'yes' },
  ],
  'accounts.update': [{}, { accountId: 'x', options: 'text' }, { accountId: 'x', credentials: { secret: 7 } }],
  'accounts.remove': [{}, { accountId: huge }],
  'accounts.testConnection': [{}, { exchangeId: 'binance' }, { exchangeId: 'binance', credentials: { apiKey: huge } }, { accountId: 'x', options: [] }],
  'symbols.exchanges': ['x'],
  'symbols.discover': [{}, { exchangeId: 'Binance!' }, { exchangeId: huge }, { exchangeId: 'binance', filters: { types: [] } }, { exchangeId: 'binance', filters: { types: ['option'] } }, { exchangeId: 'binance', filters: { minQuoteVolume24h: -1 } }, { exchangeId: 'binance', filters: { quote: 'usdt; drop' } }, { exchangeId: 'binance', limit: 10_000 }, { exchangeId: 'binance', sort: { by: 'price' } }],
  'risk.emergencyStop': [{}, { level: 'panic' }, { level: 3 }, { level: 'block', source: 'telegram' }, { level: huge }, { level: 'block', extra: 1 }],
  'risk.liftEmergencyStop': ['x', { source: 'anyone' }, { force: true }],
  'risk.status': ['x', { level: 'block' }],
  'risk.limits': ['x', { accountId: 'paper' }],
  'risk.setLimits': [{}, { accountId: 'paper' }, { accountId: '../x', limits: {} }, { accountId: 'paper', limits: { maxDrawdownPct: 0 } }, { accountId: 'paper', limits: { dailyLossLimit: -1 } }, { accountId: 'paper', limits: { maxTotalExposure: '100' } }, { accountId: 'paper', limits: { maxSymbolExposure: 1e300 } }, { accountId: 'paper', limits: { timeZone: 'Mars/Olympus' } }, { accountId: 'paper', limits: { dailyResetTime: '24:00' } }, { accountId: 'paper', limits: { timeZone: huge } }, { accountId: 'paper', limits: { maxOpenPositions: 1.5 } }, { accountId: 'paper', limits: { extra: 1 } }],
  'risk.governor': ['x', { accountId: 'paper' }],
  'risk.liftDrawdownLock': [{}, { accountId: 5 }, { accountId: huge }, { accountId: 'paper', extra: 1 }],
  'risk.locks': ['x', { accountId: huge }, { accountId: '../paper' }, { accountId: 'paper', extra: 1 }],
  'risk.liftLock': [{}, { id: 0 }, { id: -1 }, { id: 1.5 }, { id: '1' }, { id: Number.NaN }, { id: 1, by: 'bot' }],
  'risk.protections': [{}, { accountId: huge }, { accountId: 5 }],
  'risk.setProtections': [{}, { accountId: 'paper' }, { accountId: 'paper', config: { ...goodProtections, cooldown: { enabled: true, lockMinutes: 0 } } }, { accountId: 'paper', config: { ...goodProtections, cooldown: { enabled: true, lockMinutes: 1.5 } } }, { accountId: 'paper', config: { ...goodProtections, cooldown: { enabled: true, lockMinutes: 1e9 } } }, { accountId: 'paper', config: { ...goodProtections, lowProfit: { ...goodProtections.lowProfit, requiredProfit: Number.POSITIVE_INFINITY } } }, { accountId: 'paper', config: { ...goodProtections, stopLossGuard: { ...goodProtections.stopLossGuard, tradeLimit: 0 } } }, { accountId: 'paper', config: { ...goodProtections, extra: true } }, { accountId: huge, config: goodProtections }],
  'risk.entryBlocks': ['x', { botId: 'b' }],
  'risk.lastRefusals': ['x', { botId: 'b' }],
  'symbols.list': [{}, { exchangeId: '../etc' }],
  'symbols.enable': [{ exchangeId: 'binance', symbols: [] }, { exchangeId: 'binance', symbols: ['BTC/USDT', 'BTC/USDT'] }, { exchangeId: 'binance', symbols: [huge] }, { exchangeId: 'binance', symbols: Array.from({ length: 501 }, (_, i) => `C${i}/USDT`) }, { exchangeId: 'binance', symbols: ['BTC/USDT'], riskMultiplier: 0 }],
  'symbols.disable': [{ exchangeId: 'binance' }, { exchangeId: 'binance', symbols: 'BTC/USDT' }],
  'symbols.setRiskMultiplier': [{ exchangeId: 'binance', symbol: 'BTC/USDT' }, { exchangeId: 'binance', symbol: 'BTC/USDT', riskMultiplier: 0 }, { exchangeId: 'binance', symbol: 'BTC/USDT', riskMultiplier: 10.5 }, { exchangeId: 'binance', symbol: 'BTC/USDT', riskMultiplier: -1 }, { exchangeId: 'binance', symbol: 'BTC/USDT', riskMultiplier: Number.POSITIVE_INFINITY }],
  'notifications.list': ['x', { limit: 0 }, { limit: 1e9 }, { unreadOnly: 'yes' }, { limit: 10, extra: 1 }],
  'notifications.markRead': [{}, { ids: [] }, { ids: [0] }, { ids: [1.5] }, { ids: Array.from({ length: 501 }, (_, i) => i + 1) }, { all: false }, { ids: 'all' }],
  'notifications.settings': ['x', 7],
  'notifications.configure': [
    'x',
    { telegram: { enabled: true, chatId: '42' } },
    { telegram: { enabled: true, chatId: 'not a chat', events: allNotifications } },
    { telegram: { enabled: true, chatId: huge, events: allNotifications } },
    { telegram: { enabled: true, chatId: '42', events: allNotifications, botToken: 'short' } },
    { telegram: { enabled: true, chatId: '42', events: allNotifications, botToken: huge } },
    { telegram: { enabled: true, chatId: '42', events: { ...allNotifications, order_filled: 'yes' } } },
    { telegram: { enabled: true, chatId: '42', events: { ...allNotifications, made_up: true } } },
    { telegram: { enabled: true, chatId: null, events: allNotifications } },
    { desktop: { enabled: true } },
    { telegram: { enabled: true, chatId: '42', events: allNotifications, baseUrl: 'http://evil.example' } },
  ],
  'notifications.stream': ['x'],
  'backtest.run': ['x', {}, ...[{ qty: -1 }, { to: 0 }, { extra: 1 }, { feeBps: 1e9 }, { timeframe: 'weekly' }, { strategy: { kind: 'ma_crossover', fast: 30, slow: 10 } }].map((bad) => ({ symbol: 'BTC/USDT', timeframe: '1m', from: 1, to: 2, strategy: { kind: 'ma_crossover', fast: 2, slow: 4 }, qty: 1, ...bad }))],
  'backtest.list': ['x', 7],
  'backtest.get': [{}, { id: '' }, { id: 'x'.repeat(65) }],
  'backtest.delete': [{}, { id: 7 }],
  'backtest.optimize': ['x', {}, ...[{ kind: 'tradingview' }, { rankBy: 'luck' }, { top: 0 }, { search: { mode: 'random', samples: 1e6 } }, { params: { fast: { kind: 'range', from: 2, to: 9, step: 0 } } }, { params: { fast: { kind: 'range', from: 2, to: Number.POSITIVE_INFINITY, step: 1 } } }, { params: { fast: { kind: 'values', values: [] } } }].map((bad) => ({ symbol: 'BTC/USDT', timeframe: '1m', from: 1, to: 2, qty: 1, kind: 'ma_crossover', params: {}, search: { mode: 'grid' }, rankBy: 'sharpe', ...bad }))],
  'backtest.replay': ['x', {}, ...[{ source: { kind: 'bot' } }, { stopLoss: 1.5 }, { takeProfit: -1 }, { stopLoss: 'tight' }, { source: { kind: 'csv', text: 'time,action\n2026-01-01,hold' } }].map((bad) => ({ symbol: 'BTC/USDT', timeframe: '1m', from: 1, to: 2, qty: 1, source: { kind: 'csv', text: '' }, ...bad }))],
  'backtest.candles': [{}, { id: '' }, { id: 'x'.repeat(65) }, { id: 'a', extra: 1 }],
  'history.series': ['x'],
  'history.import': [{}, { venue: 'csv', symbol: 'BTC/USDT', timeframe: '1m' }, { venue: 'paper', symbol: 'BTC/USDT', timeframe: '1m', path: '/a.csv' }, { venue: 'Bad Venue', symbol: 'BTC/USDT', timeframe: '1m', path: '/a.csv' }, { venue: 'csv', symbol: 'BTC/USDT', timeframe: '7m', path: '/a.csv' }, { venue: 'csv', symbol: huge, timeframe: '1m', path: '/a.csv' }, { venue: 'csv', symbol: 'BTC/USDT', timeframe: '1m', path: huge }],
  'history.delete': [{}, { venue: 'paper', symbol: 'BTC/USDT', timeframe: '1m' }],
  'history.backfill': [{}, { accountId: 'a b', symbol: 'BTC/USDT', timeframe: '1m', from: Date.UTC(2024, 0, 1) }, { accountId: 'ex-1', symbol: 'BTC/USDT', timeframe: '1m', from: 'yesterday' }, { accountId: 'ex-1', symbol: 'BTC/USDT', timeframe: '1m', from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 1) }, { accountId: 'ex-1', symbol: 'BTC/USDT', timeframe: '1m', from: Number.NaN }],
  'history.backfills': ['x'],
  'history.progress': [{}, { id: huge }],
  'history.cancel': [{}, { id: 7 }],
  'chart.candles': [{}, { symbol: 'BTC/USDT', timeframe: '2h' }, { symbol: 'BTC/USDT', timeframe: '1d', limit: 0 }, { symbol: 'BTC/USDT', timeframe: '4h', before: -1 }, { symbol: 'NOPE', timeframe: '1h' }, { symbol: huge, timeframe: '1h' }],
  'chart.live': [{}, { symbol: 'BTC/USDT', timeframe: '1w' }, { symbol: huge, timeframe: '5m' }],
  'chart.plots': [{}, { botId: 'bot-x', timeframe: 'daily' }, { botId: huge, timeframe: '1m' }, { botId: '', timeframe: '1m' }],
  'exports.save': ['x', { kind: 'positions' }, { timeZone: 'Europe/Berlin; rm -rf' }, { timeZone: huge }, { filter: { from: 2, to: 1 } }, { extra: 1 }],
};

describe('contract input validation over the real WebSocket transport', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  it('covers every procedure of the contract', () => {
    const procedures = Object.entries(host.engine.router).flatMap(([noun, verbs]) => Object.keys(verbs).map((verb) => `${noun}.${verb}`));
    expect(Object.keys(MALFORMED).sort()).toEqual(procedures.sort());
  });

  for (const [path, inputs] of Object.entries(MALFORMED)) {
    it(`${path} refuses malformed input with INVALID_INPUT and a reason`, async () => {
      const [noun, verb] = path.split('.') as [string, string];
      const call = (host.client as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[noun]?.[verb];
      expect(call).toBeTypeOf('function');
      for (const input of inputs) {
        const error = await call!(input).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${path} accepted ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({ code: 'INVALID_INPUT', status: 400, message: expect.any(String) });
        expect(JSON.stringify(error)).not.toContain(huge);
      }
    });
  }

  it('keeps running and stores nothing after all of that', async () => {
    expect(await host.client.bots.list()).toEqual([]);
    const status = await host.client.engine.status();
    expect(status.bots.total).toBe(0);
    const created = await host.client.bots.create(goodBot as Parameters<typeof host.client.bots.create>[0]);
    expect(created.status).toBe('stopped');
  });
});

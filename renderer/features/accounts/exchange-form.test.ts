import { describe, expect, it } from 'vitest';
import { describeConnection, parseOptions, searchExchanges, typedCredentials } from './exchange-form.ts';

const EXCHANGES = [
  { id: 'okx', name: 'OKX', credentials: ['apiKey', 'secret', 'password'], hasSandbox: true },
  { id: 'binance', name: 'Binance', credentials: ['apiKey', 'secret'], hasSandbox: true },
  { id: 'binanceusdm', name: 'Binance USDⓈ-M', credentials: ['apiKey', 'secret'], hasSandbox: true },
];

describe('the exchange account form', () => {
  it('finds exchanges by id or name, the exact id first', () => {
    expect(searchExchanges(EXCHANGES, 'BINANCE').map((e) => e.id)).toEqual(['binance', 'binanceusdm']);
    expect(searchExchanges(EXCHANGES, 'usd').map((e) => e.id)).toEqual(['binanceusdm']);
    expect(searchExchanges(EXCHANGES, '').map((e) => e.id)).toEqual(['binance', 'binanceusdm', 'okx']);
  });

  it('reads options as a JSON object and says plainly what is wrong', () => {
    expect(parseOptions('  ')).toEqual({ ok: true, value: {} });
    expect(parseOptions('{"timeout": 5000}')).toEqual({ ok: true, value: { timeout: 5000 } });
    expect(parseOptions('{"timeout": ')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseOptions('[1]')).toMatchObject({ ok: false, message: expect.stringContaining('must be a JSON object') });
    expect(parseOptions('{"headers": {"apiKey": "x"}}')).toMatchObject({ ok: false, message: expect.stringContaining('may not hold "apiKey"') });
  });

  it('sends keys only when some were typed, trimmed', () => {
    expect(typedCredentials(['apiKey', 'secret'], { apiKey: ' k ', secret: '' })).toEqual({ apiKey: 'k' });
    expect(typedCredentials(['apiKey', 'secret'], { apiKey: '  ' })).toBeNull();
  });

  it('describes a connection with the held balances', () => {
    expect(describeConnection({ markets: 1234, balances: [{ currency: 'USDT', total: 150.5, free: 100.25 }, { currency: 'BTC', total: 0, free: 0 }] })).toBe('Connected: 1,234 markets. Balances: USDT 150.5 (100.25 free).');
    expect(describeConnection({ markets: 3, balances: [] })).toBe('Connected: 3 markets. Balances: no balances.');
  });
});

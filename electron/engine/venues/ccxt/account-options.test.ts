import { describe, expect, it } from 'vitest';
import { deepMerge, validateAccountOptions } from './account-options.ts';
import { redact } from './redact.ts';

describe('the ccxt options of an account', () => {
  it('accepts plain JSON, such as a rewritten API URL', () => {
    const options = { urls: { api: { public: 'http://127.0.0.1:1/api' } }, options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] } }, timeout: 5000 };
    expect(validateAccountOptions(options)).toEqual({ ok: true, value: options });
  });

  it.each([
    [{ apiKey: 'x' }, '"apiKey"'],
    [{ options: { SECRET: 'x' } }, '"options.SECRET"'],
    [{ password: 'x' }, '"password"'],
    [{ nested: [{ privateKey: 'x' }] }, '"nested.0.privateKey"'],
    [{ headers: { 'X-MBX-APIKEY': 'x' } }, '"headers"'],
    [{ verbose: true }, '"verbose"'],
  ])('refuses secrets and what would print them: %j', (options, where) => {
    const result = validateAccountOptions(options);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toContain(`${where} is not allowed in the ccxt options: keys and secrets go in the credential fields`);
  });

  it('refuses anything but a plain object', () => {
    for (const bad of [null, [], 'x', 1, new Date(), { n: Number.NaN }, { f: Number.POSITIVE_INFINITY }, JSON.parse('{"__proto__": {"polluted": 1}}')]) {
      expect(validateAccountOptions(bad).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('merges objects key by key and replaces the rest', () => {
    expect(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 })).toEqual({ a: { b: 1, c: [2] }, d: 1, e: 2 });
  });
});

describe('redact', () => {
  it('removes credential values, signatures, key headers and query strings', () => {
    const text = 'binance GET https://api.binance.com/api/v3/account?timestamp=1&signature=abc123 headers {"X-MBX-APIKEY":"k-12345"} secret=s3cr3t-value and s3cr3t-value';
    const out = redact(text, { apiKey: 'k-12345', secret: 's3cr3t-value' });
    expect(out).not.toMatch(/k-12345|s3cr3t-value|abc123|timestamp=1/);
    expect(out).toContain('https://api.binance.com/api/v3/account');
  });
});

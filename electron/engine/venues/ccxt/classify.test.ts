import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { classifyFailure, type FailureKind } from './classify.ts';
import { toDomainError } from './translate.ts';

const body = (code: number, msg: string) => `binance ${JSON.stringify({ code, msg })}`;

describe('ccxt errors classified by what happens next', () => {
  it.each<[string, Error, FailureKind]>([
    ['NetworkError', new ccxt.NetworkError('binance GET https://api.binance.com/api/v3/order fetch failed'), 'temporary'],
    ['RequestTimeout', new ccxt.RequestTimeout('binance POST https://api.binance.com/api/v3/order request timed out (10000 ms)'), 'temporary'],
    ['ExchangeNotAvailable', new ccxt.ExchangeNotAvailable('binance 503 Service Unavailable'), 'temporary'],
    ['OnMaintenance', new ccxt.OnMaintenance('binance system maintenance'), 'temporary'],
    ['BadResponse', new ccxt.BadResponse('binance unparsable reply'), 'temporary'],
    ['OperationFailed', new ccxt.OperationFailed('binance failed'), 'temporary'],
    ['DDoSProtection', new ccxt.DDoSProtection('binance 429 Too Many Requests '), 'rate_limited'],
    ['RateLimitExceeded', new ccxt.RateLimitExceeded('binance slow down'), 'rate_limited'],
    ['InvalidOrder', new ccxt.InvalidOrder('binance order amount should be evenly divisible by lot size'), 'rejected'],
    ['InsufficientFunds', new ccxt.InsufficientFunds('binance Account has insufficient balance for requested action.'), 'rejected'],
    ['BadRequest', new ccxt.BadRequest('binance bad request'), 'rejected'],
    ['BadSymbol', new ccxt.BadSymbol('binance does not have market symbol X/Y'), 'rejected'],
    ['ExchangeError', new ccxt.ExchangeError('binance something'), 'rejected'],
    ['OrderNotFound', new ccxt.OrderNotFound('binance Order does not exist.'), 'not_found'],
    ['DuplicateOrderId', new ccxt.DuplicateOrderId('binance duplicate'), 'duplicate'],
    ['AuthenticationError', new ccxt.AuthenticationError('binance requires "apiKey" credential'), 'auth'],
    ['PermissionDenied', new ccxt.PermissionDenied('binance no trading permission'), 'auth'],
    ['AccountSuspended', new ccxt.AccountSuspended('binance account suspended'), 'auth'],
  ])('by class: %s', (_name, error, kind) => {
    expect(classifyFailure(error)?.kind).toBe(kind);
  });

  // ccxt maps Binance's codes only for Binance's real host; on another host (a testnet proxy, our
  // fake) they arrive as a plain ExchangeError, and ccxt's classes can mislead (see setup notes).
  it.each<[number, string, new (m: string) => Error, FailureKind]>([
    [-1000, 'An unknown error occurred while processing the request.', ccxt.OperationFailed, 'temporary'],
    [-1007, 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.', ccxt.ExchangeError, 'temporary'],
    [-1021, 'Timestamp for this request is outside of the recvWindow.', ccxt.ExchangeError, 'temporary'],
    [-1003, 'Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.', ccxt.DDoSProtection, 'rate_limited'],
    [-1015, 'Too many new orders.', ccxt.ExchangeError, 'rate_limited'],
    [-2015, 'Invalid API-key, IP, or permissions for action.', ccxt.DDoSProtection, 'auth'], // ccxt's class after one good login
    [-1022, 'Signature for this request is not valid.', ccxt.ExchangeError, 'auth'],
    [-2014, 'API-key format invalid.', ccxt.ExchangeError, 'auth'],
    [-2013, 'Order does not exist.', ccxt.ExchangeError, 'not_found'],
    [-2011, 'Unknown order sent.', ccxt.ExchangeError, 'not_found'],
    [-2010, 'Duplicate order sent.', ccxt.InvalidOrder, 'duplicate'],
    [-2010, 'Account has insufficient balance for requested action.', ccxt.ExchangeError, 'rejected'],
    [-1013, 'Filter failure: NOTIONAL', ccxt.BadRequest, 'rejected'],
    [-1121, 'Invalid symbol.', ccxt.ExchangeError, 'rejected'],
  ])('by Binance code %i (%s)', (code, msg, Class, kind) => {
    const failure = classifyFailure(new Class(body(code, msg)));
    expect(failure).toMatchObject({ kind, exchangeCode: code, exchangeMessage: msg });
  });

  it('by HTTP status when there is no code', () => {
    expect(classifyFailure(new ccxt.ExchangeError('binance GET https://x/api 503 Service Unavailable <html>'))?.kind).toBe('temporary');
    expect(classifyFailure(new ccxt.ExchangeError('binance 418 I am a teapot '))?.kind).toBe('rate_limited');
  });

  it('leaves errors that are not ccxt errors to be thrown (bugs)', () => {
    expect(classifyFailure(new TypeError('x is undefined'))).toBeNull();
    expect(classifyFailure('text')).toBeNull();
    expect(classifyFailure(null)).toBeNull();
  });
});

describe('failures as the engine and the trader see them', () => {
  const ctx = { exchange: 'Binance', action: 'the order sr-1', rateLimitMs: 50, credentials: { apiKey: 'KEY-abcdef', secret: 'SECRET-123456' } };
  const domain = (error: Error) => toDomainError(classifyFailure(error) ?? (undefined as never), ctx);

  it('rate-limited: UNAVAILABLE, waiting what the exchange asked and never less than its rate limit', () => {
    const withHeader = Object.assign(new ccxt.DDoSProtection(`binance 429 Too Many Requests ${JSON.stringify({ code: -1003, msg: 'Too many requests.' })}`), { retryAfterMs: 5000 });
    expect(domain(withHeader)).toEqual({ code: 'UNAVAILABLE', message: 'Binance is limiting our requests: Too many requests.; waiting 5.0 s before asking again', details: { retryAfterMs: 5000, rateLimited: true, exchangeCode: -1003 } });
    expect(domain(Object.assign(new ccxt.DDoSProtection('binance 429 '), { retryAfterMs: 0 })).details?.retryAfterMs).toBe(50);
    expect(domain(new ccxt.RateLimitExceeded('binance 429 ')).details?.retryAfterMs).toBe(1000);
  });

  it('temporary: UNAVAILABLE; rejected: REFUSED with the reason; auth: REFUSED with auth', () => {
    expect(domain(new ccxt.RequestTimeout('binance POST https://api.binance.com/api/v3/order?signature=abc request timed out'))).toEqual({
      code: 'UNAVAILABLE', message: 'Binance did not answer about the order sr-1 (no reply or a server fault); it may work in a moment',
    });
    expect(domain(new ccxt.InvalidOrder(body(-1013, 'Filter failure: LOT_SIZE')))).toEqual({ code: 'REFUSED', message: 'Binance refused the order sr-1: Filter failure: LOT_SIZE', details: { exchangeCode: -1013 } });
    expect(domain(new ccxt.ExchangeError(body(-2015, 'Invalid API-key, IP, or permissions for action.')))).toMatchObject({ code: 'REFUSED', details: { auth: true, exchangeCode: -2015 } });
  });

  it('never repeats a key, a secret or a signature that ccxt put in its message', () => {
    const leaky = new ccxt.AuthenticationError('binance GET https://api.binance.com/api/v3/account?timestamp=1&signature=deadbeef {"X-MBX-APIKEY":"KEY-abcdef"} secret SECRET-123456');
    const { message } = domain(leaky);
    expect(message).not.toMatch(/KEY-abcdef|SECRET-123456|deadbeef/);
  });
});

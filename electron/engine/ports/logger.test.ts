import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger, describeError } from './logger.ts';

/** What a library error looks like: the request it failed on, API key included, hangs off it. */
function libraryError(): Error {
  const error = new Error('Request failed with status 401', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
  return Object.assign(error, { config: { headers: { 'X-MBX-APIKEY': 'api-key-0123456789' }, data: 'signature=abcdef' }, code: 'ERR_BAD_REQUEST' });
}

afterEach(() => vi.restoreAllMocks());

describe('the console logger', () => {
  it('writes an error in the fields with its message, stack, code and cause', () => {
    const written = vi.spyOn(console, 'error').mockImplementation(() => {});
    consoleLogger.error('Venue call failed', { ref: '7f3a2c', error: libraryError() });
    const line = JSON.parse(String(written.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      message: 'Venue call failed',
      ref: '7f3a2c',
      error: { name: 'Error', message: 'Request failed with status 401', code: 'ERR_BAD_REQUEST', stack: expect.stringContaining('logger.test.ts'), cause: { message: 'socket hang up', code: 'ECONNRESET' } },
    });
  });

  it('leaves out everything else an error carries, where API keys and signatures live', () => {
    const written = vi.spyOn(console, 'error').mockImplementation(() => {});
    consoleLogger.error('Venue call failed', { error: libraryError() });
    expect(String(written.mock.calls[0]?.[0])).not.toMatch(/api-key-0123456789|signature=/);
  });
});

describe('describeError', () => {
  it('describes thrown values that are not errors, and stops at a cause cycle', () => {
    expect(describeError('disk full')).toEqual({ name: 'string', message: 'disk full' });
    const looped = new Error('outer');
    looped.cause = looped;
    expect(JSON.stringify(describeError(looped)).match(/"outer"/g)).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCliOptions } from './cli-options.ts';

describe('headless command line', () => {
  it('defaults to loopback, the default port and a fresh token', () => {
    expect(parseCliOptions([], {})).toMatchObject({ host: '127.0.0.1', port: DEFAULT_PORT, token: null, webhookPort: null });
  });

  it('takes --data, --port and STOXROBOT_TOKEN', () => {
    expect(parseCliOptions(['--data', '/tmp/x', '--port', '0', '--webhook-port', '9000'], { STOXROBOT_TOKEN: 'a-long-enough-token' })).toEqual({
      dataDir: '/tmp/x',
      host: '127.0.0.1',
      port: 0,
      token: 'a-long-enough-token',
      webhookPort: 9000,
    });
  });

  it('refuses a bad port, a short token and unknown options with a clear message', () => {
    expect(() => parseCliOptions(['--port', 'eighty'], {})).toThrow("--port must be a whole number from 0 to 65535, got 'eighty'");
    expect(() => parseCliOptions(['--webhook-port', '70000'], {})).toThrow("--webhook-port must be a whole number from 0 to 65535, got '70000'");
    expect(() => parseCliOptions([], { STOXROBOT_TOKEN: 'short' })).toThrow('STOXROBOT_TOKEN must be at least 16 characters');
    expect(() => parseCliOptions(['--bogus'], {})).toThrow(/bogus/);
  });
});

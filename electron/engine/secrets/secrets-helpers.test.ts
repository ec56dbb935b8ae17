import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CcxtOptionsSchema, CREDENTIAL_FIELDS } from '../../../shared/domain/account.ts';
import { EnvironmentCredentials, envVariable } from './environment-credentials.ts';
import { keychainProblem } from './keychain-problem.ts';
import { redact } from './redact.ts';

describe('keychain problems', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'there is no D-Bus session for a keyring to answer on'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'there is no default ("login") keyring'],
    ['Cannot create an item in a locked collection', 'the keyring is locked'],
    ["Cannot find module 'keytar'", 'the keychain library could not be loaded'],
    ['something new', 'the keychain did not answer'],
  ])('"%s" becomes the one message (%s)', (text, reason) => {
    expect(keychainProblem(new Error(text))).toMatch(new RegExp(`^No usable keychain: ${reason.replace(/[()"]/g, '\\$&')}\\. Start and unlock your keyring .* Paper trading works; exchange keys cannot be stored`));
  });
});

describe('keys from the environment', () => {
  it('reads STOXROBOT_<ACCOUNT>_<FIELD> once, trimmed, with - in account ids as _', () => {
    const env: Record<string, string> = { STOXROBOT_BIN_MAIN_APIKEY: ' k1 \n', STOXROBOT_BIN_MAIN_SECRET: 's1', STOXROBOT_TOKEN: 'host-token', STOXROBOT_X_NOTAFIELD: 'v', STOXROBOT__APIKEY: 'no-account', STOXROBOT_EMPTY_APIKEY: '  ' };
    const credentials = new EnvironmentCredentials(env);
    env.STOXROBOT_BIN_MAIN_APIKEY = 'changed';
    expect(credentials.forAccount('bin-main')).toEqual({ apiKey: 'k1', secret: 's1' });
    expect(credentials.forAccount('bin_main')).toEqual({ apiKey: 'k1', secret: 's1' });
    expect(credentials.accountNames()).toEqual(['BIN_MAIN']);
    expect(credentials.forAccount('token')).toBeNull();
    expect(envVariable('okx-1', 'password')).toBe('STOXROBOT_OKX_1_PASSWORD');
  });
});

describe('redaction', () => {
  it('blanks every occurrence of every credential value of 4 characters or more', () => {
    expect(redact('key ABCD-123 and ABCD-123, uid 7', { apiKey: 'ABCD-123', uid: '7' })).toBe('key [redacted] and [redacted], uid 7');
  });
});

describe('ccxt options', () => {
  const key = fc.constantFrom(...CREDENTIAL_FIELDS, 'api_key', 'API-KEY', 'secretKey', 'X-Secret', 'passphrase', 'Authorization', '__proto__', 'constructor');
  const value = fc.jsonValue({ maxDepth: 3 });

  it('refuses a credential key at any depth, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), key, value, (path, forbidden, inner) => {
        let options: Record<string, unknown> = JSON.parse(JSON.stringify({ [forbidden]: inner }));
        for (const segment of path) options = { [`x${segment}`]: options };
        expect(CcxtOptionsSchema.safeParse(options).success).toBe(false);
      }),
    );
  });

  it('accepts ordinary options and refuses what is not a JSON object of at most 16 KB', () => {
    expect(CcxtOptionsSchema.safeParse({ urls: { api: { public: 'http://127.0.0.1:9/api' } }, options: { defaultType: 'swap' }, timeout: 5000 }).success).toBe(true);
    for (const bad of [[], 'x', 1, null, { a: 'x'.repeat(16 * 1024) }]) expect(CcxtOptionsSchema.safeParse(bad).success).toBe(false);
  });
});

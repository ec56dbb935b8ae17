import { describe, expect, it } from 'vitest';
import { maskPassphrase, parseAlert } from './parse-alert.ts';
import { startSignalEngine } from './testing/signal-engine.ts';

/**
 * A plain-text body split only on `\n` would read `\r`- (or `\v`-, NEL-, U+2028-) separated lines
 * as ONE line, its passphrase stored in clear; and a passphrase pasted into another field too
 * (amount, action, time, symbol, id) would be quoted back in a reason or stored in the body.
 */
const SECRET = '0EfBbfTPHesjvNJWnk0Z5Q';

describe('passphrase masking against line separators and misplaced values', () => {
  for (const [name, sep] of [['CR', '\r'], ['VT', '\v'], ['NEL', '\u0085'], ['LS', '\u2028'], ['PS', '\u2029']] as const) {
    it(`never stores the passphrase of a plain-text body whose lines end with ${name}`, () => {
      const body = ['bot=bot-1', `passphrase=${SECRET}`, 'action=buy', 'amount=0.1'].join(sep);
      expect(maskPassphrase(body)).not.toContain(SECRET);
    });
  }

  for (const field of ['amount', 'action', 'time', 'symbol', 'id']) {
    it(`never quotes the passphrase back when it was sent in '${field}' too`, () => {
      const body = JSON.stringify({ bot: 'bot-1', passphrase: SECRET, action: 'buy', amount: '0.1', [field]: SECRET });
      expect(maskPassphrase(body)).not.toContain(SECRET);
      const parsed = parseAlert(body);
      if (!parsed.ok) expect(parsed.reason).not.toContain(SECRET);
    });
  }
});

describe('a passphrase pasted into another field, over HTTP', () => {
  it('is neither quoted in a 422 nor stored in the alert row or its dedupe key', async () => {
    const { engine, botId, passphrase: secret, url } = await startSignalEngine();
    try {
      const post = (fields: Record<string, string>) => fetch(url, { method: 'POST', body: JSON.stringify({ bot: botId, passphrase: secret, action: 'buy', ...fields }) });
      const wrongSymbol = await post({ symbol: secret });
      expect(wrongSymbol.status).toBe(422);
      expect(await wrongSymbol.text()).not.toContain(secret);
      expect((await post({ id: secret })).status).toBe(200);
      const rows = JSON.stringify(await engine.services.db.selectFrom('alerts').selectAll().execute()) + JSON.stringify(await engine.services.db.selectFrom('webhookLog').selectAll().execute());
      expect(rows).not.toContain(secret);
    } finally {
      await engine.stop();
    }
  });
});

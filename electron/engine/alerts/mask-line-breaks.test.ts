import { describe, expect, it } from 'vitest';
import { maskPassphrase, parseAlert } from './parse-alert.ts';

/**
 * Found by attack (issue 7): the plain-text form splits only on `\n`, so a body whose lines are
 * separated by `\r` (old Mac line endings), `\v`, NEL or U+2028 is read as ONE line: the key is
 * `bot` and its value carries `passphrase=<secret>`, which is then stored (webhook log, shown in
 * the UI) in clear text. Also: a secret value sent by mistake in another field (amount, action,
 * time, symbol, id) is quoted back in the 400 reason and stored in the body.
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

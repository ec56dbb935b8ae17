import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../../../shared/contract/notifications.ts';
import { fail } from '../../../shared/errors.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { recordingLogger } from '../testing/recording-logger.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { NotifyService } from './notify-service.ts';
import { MemorySecrets } from './testing/memory-secrets.ts';

const TOKEN = '555666:AAservice_test_token_never_in_sqlite';
const events = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<(typeof NOTIFICATION_KINDS)[number], boolean>;

async function service(secrets = new MemorySecrets()) {
  const dir = tempDir();
  const opened = await openDatabase(join(dir, 'n.sqlite'));
  const notify = new NotifyService({ db: opened.db, secrets, logger: recordingLogger() });
  await notify.init();
  return { notify, secrets, dir, ...opened };
}

describe('notification settings', () => {
  it('keeps the bot token in the secret store only, says it is stored, and removes it on null', async () => {
    const { notify, secrets, dir, close } = await service();
    try {
      const saved = await notify.configure({ telegram: { enabled: true, chatId: '@desk_alerts', events, botToken: TOKEN } });
      expect(saved).toMatchObject({ ok: true, value: { telegram: { enabled: true, chatId: '@desk_alerts', tokenStored: true } } });
      expect(JSON.stringify(saved)).not.toContain(TOKEN);
      expect([...secrets.entries.values()]).toEqual([TOKEN]);
      expect([...secrets.entries.keys()][0]).toMatch(/^notify-[0-9a-f]{16}\/telegram$/);
      await close();
      for (const file of ['n.sqlite', 'n.sqlite-wal']) {
        expect(readFileSync(join(dir, file), { flag: 'a+' }).includes('AAservice_test_token'), file).toBe(false);
      }
    } finally {
      await close().catch(() => undefined);
    }
  });

  it('refuses to switch Telegram on without a chat id or a token, and keeps the settings it had', async () => {
    const { notify, close } = await service();
    try {
      expect(await notify.configure({ telegram: { enabled: true, chatId: null, events, botToken: TOKEN } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['telegram', 'chatId'] }] } });
      expect(await notify.configure({ telegram: { enabled: true, chatId: '42', events } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['telegram', 'botToken'] }] } });
      expect(await notify.configure({ telegram: { enabled: true, chatId: '42', events, botToken: null } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect((await notify.settings()).telegram).toMatchObject({ enabled: false, tokenStored: false });
    } finally {
      await close();
    }
  });

  it('says plainly when the keychain refuses the token, and stores nothing', async () => {
    const locked = new MemorySecrets();
    locked.set = async () => fail('UNAVAILABLE', 'The keychain is locked: unlock it and try again');
    const { notify, close } = await service(locked);
    try {
      expect(await notify.configure({ telegram: { enabled: true, chatId: '42', events, botToken: TOKEN } })).toEqual({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'The Telegram bot token could not be saved: The keychain is locked: unlock it and try again' },
      });
      expect((await notify.settings()).telegram).toMatchObject({ enabled: false, tokenStored: false });
    } finally {
      await close();
    }
  });
});

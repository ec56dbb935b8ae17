import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/open-database.ts';
import { writeSetting } from '../persistence/settings.repository.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { readSettings } from './notify-settings.ts';

describe('stored notification settings', () => {
  it('keeps the toggles stored before a kind was added, and turns the new kinds on', async () => {
    const { db } = await openDatabase(join(tempDir(), 'settings.sqlite'));
    // As a version without risk_lock and emergency_stop stored them: the trader had turned fills and refusals off.
    const before = { order_filled: false, position_opened: true, position_closed: true, protection_hit: true, webhook_refused: false, connection_lost: true, connection_restored: true, action_needed: true };
    await writeSetting(db, 'notifications.settings', { desktop: { enabled: false, events: before }, telegram: { enabled: true, chatId: '-1001', events: before } });
    const settings = await readSettings(db);
    expect(settings.desktop).toEqual({ enabled: false, events: { ...before, risk_lock: true, emergency_stop: true } });
    expect(settings.telegram).toEqual({ enabled: true, chatId: '-1001', events: { ...before, risk_lock: true, emergency_stop: true } });
  });
});

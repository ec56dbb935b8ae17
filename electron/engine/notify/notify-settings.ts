import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NOTIFICATION_KINDS, NotificationSettingsSchema, type NotificationKind, type NotificationSettings, type NotificationToggles } from '../../../shared/contract/notifications.ts';
import type { Database } from '../persistence/database.ts';
import { readSetting, writeSetting } from '../persistence/settings.repository.ts';

const SETTINGS_KEY = 'notifications.settings';
const TOKEN_REF_KEY = 'notifications.telegram.tokenRef';

const allOn = (): NotificationToggles => Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])) as Record<NotificationKind, boolean>;

/** Toggles as stored: a kind added in a later version is on until the trader turns it off, and the rest stay as they were. */
const StoredToggles = z.preprocess((stored) => (typeof stored === 'object' && stored !== null ? { ...allOn(), ...stored } : stored), NotificationSettingsSchema.shape.desktop.shape.events);

/** What is stored in SQLite: the toggles and the chat id; the token lives in the secret store only. */
const StoredSchema = NotificationSettingsSchema.extend({
  desktop: NotificationSettingsSchema.shape.desktop.extend({ events: StoredToggles }),
  telegram: NotificationSettingsSchema.shape.telegram.omit({ tokenStored: true }).extend({ events: StoredToggles }),
});
export type StoredSettings = z.infer<typeof StoredSchema>;

export const DEFAULT_SETTINGS: StoredSettings = {
  desktop: { enabled: true, events: allOn() },
  // Fills can be many: Telegram starts with them off, everything else on.
  telegram: { enabled: false, chatId: null, events: { ...allOn(), order_filled: false } },
};

export const readSettings = (db: Kysely<Database>): Promise<StoredSettings> => readSetting(db, SETTINGS_KEY, StoredSchema, DEFAULT_SETTINGS);
export const writeSettings = (db: Kysely<Database>, settings: StoredSettings): Promise<void> => writeSetting(db, SETTINGS_KEY, settings);

/** The keychain reference of the bot token: its own prefix, so the exchange keys' sweep never takes it. */
export async function tokenRef(db: Kysely<Database>): Promise<string> {
  const stored = await readSetting(db, TOKEN_REF_KEY, z.string().regex(/^notify-[0-9a-f]{16}\/telegram$/), '');
  if (stored) return stored;
  const ref = `notify-${randomBytes(8).toString('hex')}/telegram`;
  await writeSetting(db, TOKEN_REF_KEY, ref);
  return ref;
}

import type { Kysely } from 'kysely';
import type { ConfigureNotifications, Notification, NotificationSettings } from '../../../shared/contract/notifications.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Database } from '../persistence/database.ts';
import type { Logger } from '../ports/logger.ts';
import type { SecretStore } from '../ports/secret-store.ts';
import { AlertsCentreSink } from './alerts-centre.ts';
import { Notifier } from './notifier.ts';
import type { NotifyEvent } from './notify-event.ts';
import { DEFAULT_SETTINGS, readSettings, tokenRef, writeSettings, type StoredSettings } from './notify-settings.ts';
import { countUnread, listNotifications, markRead } from './notifications.repository.ts';
import { TelegramSink, type TelegramTarget } from './telegram-sink.ts';

export interface NotifyOptions {
  /** The Bot API's address (tests point it at a local fake). */
  telegramBaseUrl?: string;
  telegramSpacingMs?: number;
  /** Tells the desktop host to show a system notification (absent in the headless host). */
  desktop?: (event: NotifyEvent) => void;
  alertsCentreKeep?: number;
  timeoutMs?: number;
}

/** Notifications: the alerts centre, Telegram and the desktop, their settings, and the bell's list. */
export class NotifyService {
  readonly notifier: Notifier;
  readonly #db: Kysely<Database>;
  readonly #secrets: SecretStore;
  readonly #centre: AlertsCentreSink;
  #settings: StoredSettings = DEFAULT_SETTINGS;
  #token: string | null = null;

  constructor(deps: { db: Kysely<Database>; secrets: SecretStore; logger: Logger; options?: NotifyOptions }) {
    this.#db = deps.db;
    this.#secrets = deps.secrets;
    const options = deps.options ?? {};
    this.notifier = new Notifier({ logger: deps.logger, options: options.timeoutMs ? { timeoutMs: options.timeoutMs } : {} });
    this.#centre = new AlertsCentreSink(deps.db, options.alertsCentreKeep);
    this.notifier.add(this.#centre, { batchSize: 50 });
    this.notifier.add(
      new TelegramSink({
        target: async () => this.#telegramTarget(),
        wants: (event) => this.#settings.telegram.enabled && this.#settings.telegram.events[event.kind],
        ...(options.telegramBaseUrl ? { baseUrl: options.telegramBaseUrl } : {}),
        ...(options.telegramSpacingMs !== undefined ? { spacingMs: options.telegramSpacingMs } : {}),
      }),
      { batchSize: 20 },
    );
    const desktop = options.desktop;
    if (desktop) {
      this.notifier.add({ name: 'desktop', wants: (event) => this.#settings.desktop.enabled && this.#settings.desktop.events[event.kind], deliver: async (batch) => batch.forEach(desktop) }, { batchSize: 5 });
    }
  }

  async init(): Promise<void> {
    this.#settings = await readSettings(this.#db);
    if (this.#settings.telegram.enabled) await this.#loadToken();
  }

  notify(event: NotifyEvent): void {
    this.notifier.notify(event);
  }

  async settings(): Promise<NotificationSettings> {
    return { ...this.#settings, telegram: { ...this.#settings.telegram, tokenStored: this.#token !== null || (await this.#loadToken()) } };
  }

  async configure(input: ConfigureNotifications): Promise<Result<NotificationSettings>> {
    const { botToken, ...telegram } = input.telegram ?? { ...this.#settings.telegram, botToken: undefined };
    const next: StoredSettings = { desktop: input.desktop ?? this.#settings.desktop, telegram };
    if (next.telegram.enabled && next.telegram.chatId === null) return fail('INVALID_INPUT', 'Telegram needs a chat id to send to', [{ path: ['telegram', 'chatId'], message: 'Enter the chat id' }]);
    const hasToken = botToken === undefined ? this.#token !== null || (await this.#loadToken()) : botToken !== null;
    if (next.telegram.enabled && !hasToken) return fail('INVALID_INPUT', 'Telegram needs the bot token BotFather gave you', [{ path: ['telegram', 'botToken'], message: 'Enter the bot token' }]);
    if (botToken !== undefined) {
      const ref = await tokenRef(this.#db);
      const saved = botToken === null ? await this.#secrets.delete(ref) : await this.#secrets.set(ref, botToken);
      if (!saved.ok) return fail('UNAVAILABLE', `The Telegram bot token could not be saved: ${saved.error.message}`);
      this.#token = botToken;
    }
    await writeSettings(this.#db, next);
    this.#settings = next;
    return ok(await this.settings());
  }

  async list(options: { unreadOnly?: boolean; limit?: number }): Promise<{ items: Notification[]; unread: number }> {
    return { items: await listNotifications(this.#db, options), unread: await countUnread(this.#db) };
  }

  async markRead(which: { ids: readonly number[] } | { all: true }): Promise<{ unread: number }> {
    await markRead(this.#db, which);
    return { unread: await countUnread(this.#db) };
  }

  /** Before the database closes: what the alerts centre holds is stored, Telegram and the desktop are cut off. */
  close(): Promise<void> {
    return this.notifier.close([this.#centre.name]);
  }

  onStored(listener: (notification: Notification) => void): () => void {
    return this.#centre.onStored(listener);
  }

  async #telegramTarget(): Promise<TelegramTarget | null> {
    const chatId = this.#settings.telegram.chatId;
    if (!chatId) return null;
    const token = this.#token ?? ((await this.#loadToken()) ? this.#token : null);
    return token ? { token, chatId } : null;
  }

  async #loadToken(): Promise<boolean> {
    const found = await this.#secrets.get(await tokenRef(this.#db));
    this.#token = found.ok ? found.value : null;
    return this.#token !== null;
  }
}

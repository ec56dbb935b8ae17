import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';

/** Every kind of event a trader can be told about; each sink has its own toggle per kind. */
export const NOTIFICATION_KINDS = [
  'order_filled',
  'position_opened',
  'position_closed',
  'protection_hit',
  'risk_lock',
  'emergency_stop',
  'webhook_refused',
  'connection_lost',
  'connection_restored',
  'action_needed',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z.object({
  id: z.number(),
  kind: NotificationKindSchema,
  title: z.string(),
  body: z.string(),
  ts: z.number(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

const Toggles = z.object(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>).strict();
export type NotificationToggles = z.infer<typeof Toggles>;

/** Telegram's chat ids are integers (negative for groups) or an @channel name. */
const ChatId = z.string().trim().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'A chat id is a number (negative for a group) or an @channel name');

/** What the settings page shows: never the bot token, only whether one is stored. */
export const NotificationSettingsSchema = z.object({
  desktop: z.object({ enabled: z.boolean(), events: Toggles }),
  telegram: z.object({ enabled: z.boolean(), chatId: z.string().nullable(), tokenStored: z.boolean(), events: Toggles }),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const ConfigureNotificationsSchema = z
  .object({
    desktop: z.object({ enabled: z.boolean(), events: Toggles }).strict().optional(),
    telegram: z
      .object({
        enabled: z.boolean(),
        chatId: ChatId.nullable(),
        events: Toggles,
        /** A new bot token (kept in the keychain); omitted keeps the stored one, null removes it. */
        botToken: z.string().trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'A bot token looks like 123456789:AA… as BotFather gave it').nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConfigureNotifications = z.infer<typeof ConfigureNotificationsSchema>;

export const notificationsContract = {
  list: oc
    .route({ method: 'GET', path: '/notifications' })
    .input(z.object({ unreadOnly: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict().optional())
    .output(z.object({ items: z.array(NotificationSchema), unread: z.number() })),
  markRead: oc
    .route({ method: 'POST', path: '/notifications/read' })
    .input(z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict().or(z.object({ all: z.literal(true) }).strict()))
    .output(z.object({ unread: z.number() })),
  settings: oc.route({ method: 'GET', path: '/notifications/settings' }).input(z.object({}).strict().optional()).output(NotificationSettingsSchema),
  configure: oc.route({ method: 'POST', path: '/notifications/settings' }).input(ConfigureNotificationsSchema).output(NotificationSettingsSchema),
  /** Each notification as it is stored, for the bell. */
  stream: oc.route({ method: 'GET', path: '/notifications/stream' }).input(z.object({}).strict().optional()).output(eventIterator(NotificationSchema)),
};

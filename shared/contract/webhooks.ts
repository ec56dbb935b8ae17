import { oc } from '@orpc/contract';
import { z } from 'zod';
import { BotIdSchema } from '../domain/ids.ts';
import { WebhookLogEntrySchema, WebhookOutcomeSchema, WebhookSettingsSchema, WebhookStatusSchema } from '../domain/webhook.ts';
import { queryInt } from './query.ts';

export const webhooksContract = {
  status: oc.route({ method: 'GET', path: '/webhooks/status' }).input(z.object({}).optional()).output(WebhookStatusSchema),
  configure: oc.route({ method: 'PUT', path: '/webhooks/settings' }).input(WebhookSettingsSchema).output(WebhookStatusSchema),
  log: oc
    .route({ method: 'GET', path: '/webhooks/log' })
    .input(z.object({ botId: BotIdSchema.optional(), outcome: WebhookOutcomeSchema.optional(), limit: queryInt(1, 1000).default(200) }).default({ limit: 200 }))
    .output(z.array(WebhookLogEntrySchema)),
  /** A new passphrase for a bot's alerts, returned this once; only its digest is stored. */
  rotatePassphrase: oc
    .route({ method: 'POST', path: '/webhooks/passphrase/{botId}' })
    .input(z.object({ botId: BotIdSchema }))
    .output(z.object({ passphrase: z.string() })),
  /** Posts a message to the listener over HTTP, exactly as TradingView would, and returns the answer. */
  sendTest: oc
    .route({ method: 'POST', path: '/webhooks/test' })
    .input(z.object({ message: z.string().min(1).max(8192) }))
    .output(z.object({ statusCode: z.number(), body: z.string() })),
};

import { oc } from '@orpc/contract';
import { z } from 'zod';
import { BotConfigSchema, BotSchema, BotSummarySchema } from '../domain/bot.ts';
import { BotIdSchema } from '../domain/ids.ts';
import { OrderSchema } from '../domain/order.ts';

const byId = z.object({ id: BotIdSchema });

export const botsContract = {
  list: oc.route({ method: 'GET', path: '/bots' }).input(z.object({}).optional()).output(z.array(BotSummarySchema)),
  get: oc.route({ method: 'GET', path: '/bots/{id}' }).input(byId).output(BotSummarySchema),
  create: oc.route({ method: 'POST', path: '/bots' }).input(BotConfigSchema).output(BotSchema),
  update: oc
    .route({ method: 'PUT', path: '/bots/{id}' })
    .input(z.object({ id: BotIdSchema, config: BotConfigSchema }))
    .output(BotSchema),
  delete: oc.route({ method: 'DELETE', path: '/bots/{id}' }).input(byId).output(z.object({ id: z.string() })),
  start: oc.route({ method: 'POST', path: '/bots/{id}/start' }).input(byId).output(BotSchema),
  pause: oc.route({ method: 'POST', path: '/bots/{id}/pause' }).input(byId).output(BotSchema),
  stop: oc.route({ method: 'POST', path: '/bots/{id}/stop' }).input(byId).output(BotSchema),
  /**
   * Closes every open position of the bot with reduce-only market orders and returns them. A running
   * bot would trade again, so it is refused unless `stopFirst` (the "Stop & close" button) stops it first.
   */
  closePosition: oc
    .route({ method: 'POST', path: '/bots/{id}/close-position' })
    .input(z.object({ id: BotIdSchema, stopFirst: z.boolean().default(false) }))
    .output(z.array(OrderSchema)),
};

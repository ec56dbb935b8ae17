import { oc } from '@orpc/contract';
import { z } from 'zod';
import { BotIdSchema, ClientOrderIdSchema } from '../domain/ids.ts';
import { MAX_LIST_LIMIT } from '../domain/limits.ts';
import { FillSchema, OrderEventSchema, OrderSchema } from '../domain/order.ts';
import { PositionSchema, TradeSchema } from '../domain/position.ts';
import { queryInt } from './query.ts';

const listInput = z.object({ botId: BotIdSchema.optional(), limit: queryInt(1, MAX_LIST_LIMIT).default(200) }).default({ limit: 200 });

export const ordersContract = {
  list: oc.route({ method: 'GET', path: '/orders' }).input(listInput).output(z.array(OrderSchema)),
  cancel: oc
    .route({ method: 'POST', path: '/orders/{clientOrderId}/cancel' })
    .input(z.object({ clientOrderId: ClientOrderIdSchema }))
    .output(OrderSchema),
  /** One order with its full history, oldest event first. */
  detail: oc
    .route({ method: 'GET', path: '/orders/{clientOrderId}' })
    .input(z.object({ clientOrderId: ClientOrderIdSchema }))
    .output(z.object({ order: OrderSchema, events: z.array(OrderEventSchema) })),
};

export const fillsContract = {
  list: oc.route({ method: 'GET', path: '/fills' }).input(listInput).output(z.array(FillSchema)),
};

export const positionsContract = {
  list: oc
    .route({ method: 'GET', path: '/positions' })
    .input(z.object({ botId: BotIdSchema.optional() }).default({}))
    .output(z.array(PositionSchema)),
};

export const tradesContract = {
  list: oc.route({ method: 'GET', path: '/trades' }).input(listInput).output(z.array(TradeSchema)),
};

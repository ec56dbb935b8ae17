import { oc } from '@orpc/contract';
import { z } from 'zod';
import { BotIdSchema, ClientOrderIdSchema } from '../domain/ids.ts';
import { MAX_LIST_LIMIT } from '../domain/limits.ts';
import { FillSchema, hasLimitPrice, isStopType, OrderEventSchema, OrderSchema, OrderSideSchema, OrderTypeSchema } from '../domain/order.ts';
import { SymbolSchema } from '../domain/instrument.ts';
import { PositionSchema, TradeSchema } from '../domain/position.ts';
import { queryInt } from './query.ts';
import { TradeDetailInputSchema, TradeDetailSchema } from './trade-detail.ts';
import { TradeFilterSchema, TradePageInputSchema, TradePageSchema, TradeTotalsSchema } from './trade-history.ts';

const listInput = z.object({ botId: BotIdSchema.optional(), limit: queryInt(1, MAX_LIST_LIMIT).default(200) }).default({ limit: 200 });

/** Messages of its own: the contract's errors carry only the message to the trader's form. */
const positiveAmount = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .finite(`${label} must be a number`)
    .positive(`${label} must be more than 0`)
    .max(1e15, `${label} must be at most 1e15`);

/** A trader's order by hand, for one bot (its account; its symbol unless another of its positions is named). */
export const ManualOrderSchema = z
  .object({
    botId: BotIdSchema,
    symbol: SymbolSchema.optional(),
    side: OrderSideSchema,
    type: OrderTypeSchema,
    qty: positiveAmount('Quantity'),
    price: positiveAmount('Limit price').optional(),
    /** STOP and STOP_LIMIT: the price that wakes the order. */
    triggerPrice: positiveAmount('Trigger price').optional(),
    reduceOnly: z.boolean().default(false),
    /**
     * The client's own id for this order, so asking again after no answer returns the first order
     * instead of placing a second. Within the venues' 36-character limit.
     */
    clientOrderId: z.string().regex(/^sr-man-[a-z0-9]{16,29}$/, 'An order id is sr-man- and 16 to 29 lowercase letters or digits').optional(),
  })
  .superRefine((o, ctx) => {
    if (hasLimitPrice(o.type) !== (o.price !== undefined)) {
      const message = isStopType(o.type) ? 'A stop-limit order needs a limit price; a stop order takes none' : 'A limit order needs a price; a market order takes none';
      ctx.addIssue({ code: 'custom', path: ['price'], message });
    }
    if (isStopType(o.type) && o.triggerPrice === undefined) ctx.addIssue({ code: 'custom', path: ['triggerPrice'], message: 'A stop order needs a trigger price' });
    if (!isStopType(o.type) && o.triggerPrice !== undefined) ctx.addIssue({ code: 'custom', path: ['triggerPrice'], message: 'Only stop and stop-limit orders take a trigger price' });
  });
export type ManualOrder = z.input<typeof ManualOrderSchema>;

/** A fresh id for a manual order (see `clientOrderId`): time first, then randomness. */
export const newManualOrderId = (now: number, random: () => number = Math.random): string =>
  `sr-man-${now.toString(36)}${Array.from({ length: 16 }, () => Math.floor(random() * 36).toString(36)).join('')}`;

export const ordersContract = {
  /** Placed through the same checks as every other order; a refusal comes back as a REJECTED order with its reason. */
  place: oc.route({ method: 'POST', path: '/orders' }).input(ManualOrderSchema).output(OrderSchema),
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
  /** Every bot's and account's trades (deleted bots' too), filtered, sorted and paged from where the last page ended. */
  history: oc.route({ method: 'POST', path: '/trades/history' }).input(TradePageInputSchema).output(TradePageSchema),
  detail: oc.route({ method: 'GET', path: '/trades/{id}' }).input(TradeDetailInputSchema).output(TradeDetailSchema),
  totals: oc.route({ method: 'POST', path: '/trades/totals' }).input(z.object({ filter: TradeFilterSchema.default({}) }).strict()).output(TradeTotalsSchema),
};

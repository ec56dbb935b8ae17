import { z } from 'zod';

export const OrderSideSchema = z.enum(['BUY', 'SELL']);
export type OrderSide = z.infer<typeof OrderSideSchema>;

/** STOP rests until the price reaches its trigger, then trades as a market order; STOP_LIMIT then rests at its limit price. */
export const OrderTypeSchema = z.enum(['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT']);
export type OrderType = z.infer<typeof OrderTypeSchema>;

/** Order types that wait for a trigger price before they trade. */
export const isStopType = (type: OrderType): boolean => type === 'STOP' || type === 'STOP_LIMIT';
/** Order types that carry a limit price. */
export const hasLimitPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'STOP_LIMIT';

/** Who placed an order: a bot's strategy, an alert, the trader by hand, a protective close, or the emergency stop. */
export const ORDER_SOURCES = ['strategy', 'alert', 'manual', 'protection', 'emergency'] as const;
export const OrderSourceSchema = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSourceSchema>;

export const ORDER_STATUSES = [
  'PENDING_SUBMIT',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z.object({
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  botId: z.string(),
  venue: z.string(),
  symbol: z.string(),
  side: OrderSideSchema,
  type: OrderTypeSchema,
  qty: z.number(),
  price: z.number().nullable(),
  /** The price that wakes a STOP or STOP_LIMIT order; null for the other types. */
  triggerPrice: z.number().nullable(),
  status: OrderStatusSchema,
  source: OrderSourceSchema,
  filledQty: z.number(),
  avgFillPx: z.number().nullable(),
  rejectReason: z.string().nullable(),
  tsInit: z.number(),
  tsEvent: z.number(),
});
export type Order = z.infer<typeof OrderSchema>;

export const FillSchema = z.object({
  fillId: z.string(),
  clientOrderId: z.string(),
  botId: z.string(),
  symbol: z.string(),
  side: OrderSideSchema,
  lastQty: z.number(),
  lastPx: z.number(),
  fee: z.number(),
  tsEvent: z.number(),
});
export type Fill = z.infer<typeof FillSchema>;

/** What can happen to an order, in NautilusTrader's words; every one is kept in the order's history. */
export const ORDER_EVENT_KINDS = ['submitted', 'accepted', 'rejected', 'filled', 'cancel_requested', 'canceled', 'cancel_rejected', 'expired', 'triggered'] as const;
export const OrderEventKindSchema = z.enum(ORDER_EVENT_KINDS);
export type OrderEventKind = z.infer<typeof OrderEventKindSchema>;

/** One entry in an order's history: what the venue (or we) said, and whether it changed the order. */
export const OrderEventSchema = z.object({
  id: z.number(),
  clientOrderId: z.string(),
  kind: OrderEventKindSchema,
  /** False when the event came too late or twice (a duplicate fill, an accept after the fill): kept, not applied. */
  applied: z.boolean(),
  statusAfter: OrderStatusSchema,
  /** A plain-words account of the event: the fill, the reason, or why it was not applied. */
  detail: z.string(),
  tsEvent: z.number(),
  tsInit: z.number(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

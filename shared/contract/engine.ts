import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { PnlSchema } from '../domain/position.ts';

export const EngineStatusSchema = z.object({
  version: z.string(),
  startedAt: z.number(),
  /** Simulated candles per second; null while the market follows an exchange live. */
  marketSpeed: z.number().nullable(),
  bots: z.object({ total: z.number(), running: z.number() }),
  pnl: PnlSchema,
  /** `full` while the disk refuses writes: trading is paused and `message` tells the trader what to do. */
  storage: z.object({ status: z.enum(['ok', 'full']), message: z.string().nullable() }),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/** The engine's parts at a glance: the feed, each venue, each account's reconciliation, the listener, the disk, the last errors. */
export const EngineHealthSchema = z.object({
  feed: z.object({
    /** `simulated`, or the exchange whose live public data the market follows. */
    source: z.string(),
    connected: z.boolean(),
    /** Failed attempts in a row; above 0 while the feed backs off. */
    failures: z.number().int(),
    lastError: z.string().nullable(),
    /** Why the stored exchange source is not the one running. */
    fallbackReason: z.string().nullable(),
  }),
  venues: z.array(z.object({ accountId: z.string(), connected: z.boolean(), problem: z.string().nullable(), retryAt: z.number().nullable() })),
  reconciliation: z.array(z.object({ accountId: z.string(), state: z.enum(['reconciling', 'ready', 'failed']), reason: z.string().nullable(), mismatches: z.number().int() })),
  webhooks: z.object({ listening: z.boolean(), error: z.string().nullable() }),
  storage: z.object({ status: z.enum(['ok', 'full']), message: z.string().nullable() }),
  /** Errors logged since the start, and the last few (newest first) with the ref to look up in the log. */
  errors: z.object({ count: z.number().int(), recent: z.array(z.object({ at: z.number(), message: z.string(), ref: z.string().nullable() })) }),
});
export type EngineHealth = z.infer<typeof EngineHealthSchema>;

/** What changed in the engine; the renderer refreshes the matching lists. */
export const EngineEventSchema = z.object({
  topic: z.enum(['bots', 'orders', 'fills', 'positions', 'trades', 'market', 'webhooks', 'risk']),
  botId: z.string().optional(),
});
export type EngineEvent = z.infer<typeof EngineEventSchema>;

export const engineContract = {
  status: oc.route({ method: 'GET', path: '/status' }).input(z.object({}).optional()).output(EngineStatusSchema),
  health: oc.route({ method: 'GET', path: '/health' }).input(z.object({}).optional()).output(EngineHealthSchema),
  events: oc.route({ method: 'GET', path: '/events' }).input(z.object({}).optional()).output(eventIterator(EngineEventSchema)),
};

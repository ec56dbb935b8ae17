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

/** What changed in the engine; the renderer refreshes the matching lists. */
export const EngineEventSchema = z.object({
  topic: z.enum(['bots', 'orders', 'fills', 'positions', 'trades', 'market', 'webhooks', 'risk']),
  botId: z.string().optional(),
});
export type EngineEvent = z.infer<typeof EngineEventSchema>;

export const engineContract = {
  status: oc.route({ method: 'GET', path: '/status' }).input(z.object({}).optional()).output(EngineStatusSchema),
  events: oc.route({ method: 'GET', path: '/events' }).input(z.object({}).optional()).output(eventIterator(EngineEventSchema)),
};

import { implement } from '@orpc/server';
import { analyticsContract } from '../../../shared/contract/analytics.ts';
import { readDashboard } from '../analytics/dashboard-reader.ts';
import { markedPositions } from '../execution/portfolio.ts';
import type { EngineServices } from '../services.ts';

const os = implement(analyticsContract).$context<{ engine: EngineServices }>();

/** The analytics dashboard: trades from the read-only connection, unrealised P&L from the positions marked now. */
export const analyticsRouter = os.router({
  dashboard: os.dashboard.handler(({ input, context: { engine } }) => {
    const open = markedPositions(engine.orders, engine.lastPrice, engine.levels, engine.instruments, undefined, engine.exchangeStops);
    return readDashboard(engine.reads, input, open);
  }),
});

import type { EngineEvent } from '../../../shared/contract/engine.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { useTradesStore } from '../trades/trades-store.ts';
import { useAnalyticsStore } from './analytics-store.ts';

/**
 * A fill or a closed trade moves the dashboard and the history: the page on screen is read again
 * (the engine coalesces events; each store refreshes at most once at a time). Pages not shown are
 * read when they open.
 */
export function followTrades(event: EngineEvent): void {
  if (event.topic !== 'fills' && event.topic !== 'trades' && event.topic !== 'positions') return;
  const view = useViewStore.getState().view;
  if (view === 'analytics') void useAnalyticsStore.getState().refresh();
  // Positions move unrealised P&L only, which the history does not show.
  else if (view === 'trades' && event.topic !== 'positions') void useTradesStore.getState().tradesChanged();
}

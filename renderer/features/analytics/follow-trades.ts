import type { EngineEvent } from '../../../shared/contract/engine.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { useTradesStore } from '../trades/trades-store.ts';
import { useAnalyticsStore } from './analytics-store.ts';

/**
 * The dashboard re-reads the whole ledger (about half a second per million trades, on the engine's
 * thread): during a burst of fills it is read again at most once per this interval, the last fill
 * included.
 */
const DASHBOARD_EVERY_MS = 3_000;

let lastDashboard = 0;
let trailing: ReturnType<typeof setTimeout> | null = null;

function refreshDashboard(): void {
  const wait = lastDashboard + DASHBOARD_EVERY_MS - Date.now();
  if (wait <= 0) {
    lastDashboard = Date.now();
    void useAnalyticsStore.getState().refresh();
    return;
  }
  trailing ??= setTimeout(() => {
    trailing = null;
    refreshDashboard();
  }, wait);
}

/**
 * A fill or a closed trade moves the dashboard and the history: the page on screen is read again.
 * Pages not shown are read when they open.
 */
export function followTrades(event: EngineEvent): void {
  if (event.topic !== 'fills' && event.topic !== 'trades' && event.topic !== 'positions') return;
  const view = useViewStore.getState().view;
  if (view === 'analytics') refreshDashboard();
  // Positions move unrealised P&L only, which the history does not show.
  else if (view === 'trades' && event.topic !== 'positions') void useTradesStore.getState().tradesChanged();
}

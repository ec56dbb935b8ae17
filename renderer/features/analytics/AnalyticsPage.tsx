import { useEffect } from 'react';
import { EquityPanel, PnlBarsPanel } from './AnalyticsCharts.tsx';
import { CorrelationMatrix, ReturnsCalendar, SymbolPnl } from './AnalyticsTables.tsx';
import { PerformanceTable } from './PerformanceTable.tsx';
import { useAnalyticsStore } from './analytics-store.ts';

/** Performance per bot and in total, paper and live apart, re-read as fills arrive. */
export function AnalyticsPage() {
  const { mode, dashboard, error, showMode, refresh } = useAnalyticsStore();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="detail">
      <div className="bot-head">
        <h2>Analytics</h2>
        <div className="tabs" role="group" aria-label="Mode">
          {(['paper', 'live'] as const).map((m) => (
            <button key={m} type="button" className={m === mode ? 'tab active' : 'tab'} aria-pressed={m === mode} onClick={() => showMode(m)}>
              {m === 'paper' ? 'Paper' : 'Live'}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!dashboard ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {dashboard.capital === null && <p className="warning">No equity is recorded for the {mode} accounts yet: returns, Sharpe, Sortino and VaR need it.</p>}
          <PerformanceTable rows={[dashboard.total, ...dashboard.bots]} />
          <EquityPanel points={dashboard.equity} />
          <PnlBarsPanel dashboard={dashboard} />
          <ReturnsCalendar dashboard={dashboard} />
          <div className="grid">
            <SymbolPnl rows={dashboard.pnlBySymbol} />
            <CorrelationMatrix dashboard={dashboard} />
          </div>
        </>
      )}
    </div>
  );
}

import { useEffect } from 'react';
import { AccountPanel } from './features/accounts/AccountPanel.tsx';
import { BotDetail } from './features/bots/BotDetail.tsx';
import { BotForm } from './features/bots/BotForm.tsx';
import { BotList } from './features/bots/BotList.tsx';
import { Header } from './features/header/Header.tsx';
import type { ConnectionState } from './rpc/client.ts';
import { useBotsStore } from './stores/bots-store.ts';
import { followEngine } from './stores/live-updates.ts';
import { useStatusStore } from './stores/status-store.ts';
import { useViewStore } from './stores/view-store.ts';
import { WebhooksPage } from './features/webhooks/WebhooksPage.tsx';
import { ReconcilePage } from './features/reconcile/ReconcilePage.tsx';
import { ExchangeAccountsPage } from './features/accounts/ExchangeAccountsPage.tsx';
import { SymbolsPage } from './features/symbols/SymbolsPage.tsx';
import { RiskPage } from './features/risk/RiskPage.tsx';
import { OptimisePage } from './features/optimize/OptimisePage.tsx';
import { HistoryPage } from './features/history/HistoryPage.tsx';
import { BacktestPage } from './features/backtest/BacktestPage.tsx';
import { TradesPage } from './features/trades/TradesPage.tsx';
import { AnalyticsPage } from './features/analytics/AnalyticsPage.tsx';

/** One banner while the link is down: the stores keep what they last showed, and reload on reconnection. */
function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'lost') return <div className="banner" role="status">Connection to the engine lost — reconnecting…</div>;
  if (state === 'refused') return <div className="banner error" role="alert">This link’s token is not valid: open the address the host printed.</div>;
  return null;
}

export function App() {
  const editing = useBotsStore((s) => s.editing);
  const connection = useStatusStore((s) => s.connection);
  const view = useViewStore((s) => s.view);

  useEffect(() => {
    const stop = new AbortController();
    void useBotsStore.getState().loadInstruments();
    void followEngine(stop.signal);
    return () => stop.abort();
  }, []);

  return (
    <div className="app">
      <Header />
      <ConnectionBanner state={connection} />
      <div className="body">
        <BotList />
        <main className="main">
          <AccountPanel />
          {view === 'accounts' ? <ExchangeAccountsPage /> : view === 'symbols' ? <SymbolsPage /> : view === 'webhooks' ? <WebhooksPage /> : view === 'reconcile' ? <ReconcilePage /> : view === 'risk' ? <RiskPage /> : view === 'history' ? <HistoryPage /> : view === 'backtest' ? <BacktestPage /> : view === 'optimise' ? <OptimisePage /> : view === 'trades' ? <TradesPage /> : view === 'analytics' ? <AnalyticsPage /> : editing ? <BotForm key={editing} target={editing} /> : <BotDetail />}
        </main>
      </div>
    </div>
  );
}

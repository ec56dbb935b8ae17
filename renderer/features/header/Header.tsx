import { useStatusStore } from '../../stores/status-store.ts';
import { useEmergencyStore } from '../../stores/emergency-store.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { Money } from '../ledger/Money.tsx';
import { HealthPanel } from '../health/HealthPanel.tsx';
import { EmergencyBanner } from './EmergencyBanner.tsx';
import { EmergencyStopButton } from './EmergencyStopButton.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { SpeedControl } from './SpeedControl.tsx';
import { StorageBanner } from './StorageBanner.tsx';

const TAB_NAMES = { bots: 'Bots', webhooks: 'Webhooks', accounts: 'Accounts', symbols: 'Symbols', reconcile: 'Reconcile', risk: 'Risk', history: 'Market data', backtest: 'Backtest', optimise: 'Optimise', trades: 'Trades', analytics: 'Analytics' } as const;

export function Header() {
  return (
    <>
      <HeaderBar />
      <EmergencyBanner />
      <StorageBanner />
    </>
  );
}

function HeaderBar() {
  const status = useStatusStore((s) => s.status);
  const { view, show } = useViewStore();
  const stopped = useEmergencyStore((s) => s.status?.level != null);
  return (
    <header className="header">
      <div className="brand">StoxRobot</div>
      <nav className="tabs" aria-label="Pages">
        {(['bots', 'webhooks', 'accounts', 'symbols', 'reconcile', 'risk', 'history', 'backtest', 'optimise', 'trades', 'analytics'] as const).map((v) => (
          <button key={v} type="button" className={view === v ? 'tab active' : 'tab'} aria-current={view === v ? 'page' : undefined} onClick={() => show(v)}>
            {TAB_NAMES[v]}
          </button>
        ))}
      </nav>
      <div className="pnl" aria-label="Total P&L">
        <span>
          Realised <Money value={status?.pnl.realized ?? 0} testId="total-realized" />
        </span>
        <span>
          Unrealised <Money value={status?.pnl.unrealized ?? 0} testId="total-unrealized" />
        </span>
      </div>
      <div className="muted" data-testid="bots-running">
        {status ? `${status.bots.running} of ${status.bots.total} bots running${stopped ? ' · all blocked by the emergency stop' : ''} · paper` : 'connecting…'}
      </div>
      <HealthPanel />
      <SpeedControl />
      <NotificationBell />
      <EmergencyStopButton />
    </header>
  );
}

import { LocksPanel } from './LocksPanel.tsx';

/** The risk page: one panel per part of the risk layer. */
export function RiskPage() {
  return (
    <div className="risk-page">
      <LocksPanel />
    </div>
  );
}

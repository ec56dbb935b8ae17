import { LocksPanel } from './LocksPanel.tsx';
import { RiskLimitsPanel } from './RiskLimitsPanel.tsx';

/** Risk: one panel per part of the risk layer, one line each. */
export function RiskPage() {
  return (
    <section className="detail risk-page" aria-label="Risk">
      <RiskLimitsPanel />
      <LocksPanel />
    </section>
  );
}

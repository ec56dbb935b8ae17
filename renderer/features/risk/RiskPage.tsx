import { RiskLimitsPanel } from './RiskLimitsPanel.tsx';

/** Risk: one panel per concern, one line each. */
export function RiskPage() {
  return (
    <section className="detail" aria-label="Risk">
      <RiskLimitsPanel />
    </section>
  );
}

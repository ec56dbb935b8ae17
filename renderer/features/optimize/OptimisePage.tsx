import { OptimizePanel } from './OptimizePanel.tsx';
import { ReplayPanel } from './ReplayPanel.tsx';

/** Its own tab until the Backtest page mounts these panels. */
export function OptimisePage() {
  return (
    <section className="detail" aria-label="Optimise">
      <OptimizePanel />
      <ReplayPanel />
    </section>
  );
}

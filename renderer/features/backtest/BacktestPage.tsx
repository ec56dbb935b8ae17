import { useEffect } from 'react';
import { BacktestForm } from './BacktestForm.tsx';
import { useBacktestStore } from './backtest-store.ts';
import { CompareRuns } from './CompareRuns.tsx';
import { RunProgress } from './RunProgress.tsx';
import { RunResults } from './RunResults.tsx';
import { SavedRuns } from './SavedRuns.tsx';

/** Backtests over stored history: run one with progress and cancel, read its results, compare saved runs. */
export function BacktestPage() {
  const error = useBacktestStore((s) => s.error);
  const notice = useBacktestStore((s) => s.notice);
  useEffect(() => {
    void useBacktestStore.getState().load();
  }, []);
  return (
    <section className="detail" aria-label="Backtest">
      <div className="backtest-top">
        <BacktestForm />
        <SavedRuns />
      </div>
      <RunProgress />
      {error && (
        <p className="error panel" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="ok panel" role="status">
          {notice}
        </p>
      )}
      <RunResults />
      <CompareRuns />
    </section>
  );
}

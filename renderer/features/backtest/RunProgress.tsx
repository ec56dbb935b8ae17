import { useBacktestStore } from './backtest-store.ts';

/** The running backtest's bars done, with a cancel that closes its stream (the engine then saves nothing). */
export function RunProgress() {
  const progress = useBacktestStore((s) => s.progress);
  if (!progress) return null;
  const { done, total } = progress;
  return (
    <div className="panel backtest-progress" role="status" aria-label="Backtest progress">
      <progress max={Math.max(total, 1)} value={done} />
      <span className="muted">{total > 0 ? `${done.toLocaleString()} of ${total.toLocaleString()} bars (${Math.floor((done / total) * 100)} %)` : 'Reading the candles…'}</span>
      <button type="button" onClick={() => useBacktestStore.getState().cancel()}>
        Cancel
      </button>
    </div>
  );
}

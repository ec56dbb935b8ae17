import { CHART_TIMEFRAMES, type ChartTimeframe } from '../../../shared/contract/chart.ts';

/** The chart's bar length: every choice is built on the engine from the stored 1-minute bars. */
export function TimeframeSwitch({ value, onChange }: { value: ChartTimeframe; onChange(timeframe: ChartTimeframe): void }) {
  return (
    <div className="timeframe-switch" role="group" aria-label="Chart timeframe">
      {CHART_TIMEFRAMES.map((timeframe) => (
        <button key={timeframe} type="button" aria-pressed={timeframe === value} onClick={() => onChange(timeframe)}>
          {timeframe}
        </button>
      ))}
    </div>
  );
}

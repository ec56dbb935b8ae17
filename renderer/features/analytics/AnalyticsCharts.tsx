import { useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../../shared/contract/analytics.ts';
import { EquityChart, PnlBarsChart } from '../../charts/analytics-charts.ts';

/** Creates a chart once per mount and feeds it each new value: no re-creation as fills arrive. */
function useChart<C extends { update(v: V): void; remove(): void }, V>(make: (el: HTMLElement) => C, value: V) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<C | null>(null);
  useEffect(() => {
    if (!box.current) return;
    chart.current = make(box.current);
    return () => {
      chart.current?.remove();
      chart.current = null;
    };
  }, [make]);
  useEffect(() => chart.current?.update(value), [value]);
  return box;
}

const makeEquity = (el: HTMLElement) => new EquityChart(el);
const makeBars = (el: HTMLElement) => new PnlBarsChart(el);

export function EquityPanel({ points }: { points: Dashboard['equity'] }) {
  const box = useChart(makeEquity, points);
  return (
    <section className="panel" aria-label="Equity and drawdown">
      <h3>Equity and drawdown (daily, UTC)</h3>
      <figure className="chart-figure">
        <div className="analytics-chart tall" ref={box} data-testid="equity-chart" />
        <figcaption className="muted">
          Charts by <a href="https://www.tradingview.com/">TradingView</a> lightweight-charts.
        </figcaption>
      </figure>
    </section>
  );
}

const PERIODS = { day: 'Day', week: 'Week', month: 'Month' } as const;

export function PnlBarsPanel({ dashboard }: { dashboard: Dashboard }) {
  const [period, setPeriod] = useState<keyof typeof PERIODS>('day');
  const buckets = period === 'day' ? dashboard.pnlByDay : period === 'week' ? dashboard.pnlByWeek : dashboard.pnlByMonth;
  const box = useChart(makeBars, buckets);
  return (
    <section className="panel" aria-label="P&L by period">
      <div className="bot-head">
        <h3>P&L by {PERIODS[period].toLowerCase()}</h3>
        <div className="tabs" role="group" aria-label="Period">
          {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((p) => (
            <button key={p} type="button" className={p === period ? 'tab active' : 'tab'} aria-pressed={p === period} onClick={() => setPeriod(p)}>
              {PERIODS[p]}
            </button>
          ))}
        </div>
      </div>
      <div className="analytics-chart" ref={box} data-testid="pnl-chart" />
    </section>
  );
}

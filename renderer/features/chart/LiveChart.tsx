import { useEffect, useRef } from 'react';
import type { Timeframe } from '../../../shared/domain/instrument.ts';
import { CandleChart } from '../../charts/candle-chart.ts';
import { GapFiller } from '../../charts/gap-filler.ts';
import { client } from '../../rpc/client.ts';
import { followStream } from '../../rpc/follow-stream.ts';
import { holds, useLedgerStore } from '../../stores/ledger-store.ts';

const HISTORY_PAGE = 1000;
const MAX_PAGE = 5000;
const BAR_SECONDS = 60;

/** The symbol's candles, live, with the selected bot's fills as markers. */
export function LiveChart({ symbol, timeframe }: { symbol: string; timeframe: Timeframe }) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CandleChart | null>(null);
  const fills = useLedgerStore((s) => s.fills);

  useEffect(() => {
    if (!container.current) return;
    const stop = new AbortController();
    const candles = (before: number | undefined, limit: number) => client.market.candles({ symbol, timeframe, before, limit });
    const gaps = new GapFiller(async ({ from, to }) => chart.merge(await candles(to * 1000, Math.min(MAX_PAGE, Math.ceil((to - from) / BAR_SECONDS)))));
    const chart = new CandleChart(container.current, { older: (before) => candles(before, HISTORY_PAGE), onGap: (gap) => gaps.note(gap) });
    chartRef.current = chart;
    void followStream(
      (signal) => client.market.live({ symbol, timeframe }, { signal }),
      {
        // On every (re)subscription the history is read again: bars may have closed while away.
        onOpen: () => {
          candles(undefined, HISTORY_PAGE).then(
            (history) => !stop.signal.aborted && (chart.setHistory(history), chart.setFills(useLedgerStore.getState().fills)),
            () => undefined,
          );
        },
        onItem: (update) => {
          chart.push(update);
          // The positions' last price and P&L follow the chart (re-marked by the engine, one read at a time).
          const ledger = useLedgerStore.getState();
          if (holds(ledger.positions, symbol)) void ledger.refreshPositions();
        },
      },
      stop.signal,
    );
    return () => {
      stop.abort();
      chart.dispose();
      chartRef.current = null;
    };
  }, [symbol, timeframe]);

  useEffect(() => {
    chartRef.current?.setFills(fills);
  }, [fills]);

  return (
    <figure className="chart-figure">
      <div className="panel chart" ref={container} data-testid="chart" />
      <figcaption className="muted">
        {symbol} · simulated market · charts by{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
          TradingView Lightweight Charts™
        </a>
      </figcaption>
    </figure>
  );
}

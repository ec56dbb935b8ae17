import { useEffect, useRef } from 'react';
import type { Timeframe } from '../../../shared/domain/instrument.ts';
import { CandleChart } from '../../charts/candle-chart.ts';
import { client } from '../../rpc/client.ts';
import { useLedgerStore } from '../../stores/ledger-store.ts';

const HISTORY_PAGE = 1000;

/** The symbol's candles, live, with the selected bot's fills as markers. */
export function LiveChart({ symbol, timeframe }: { symbol: string; timeframe: Timeframe }) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CandleChart | null>(null);
  const fills = useLedgerStore((s) => s.fills);

  useEffect(() => {
    if (!container.current) return;
    const stop = new AbortController();
    const chart = new CandleChart(container.current, (before) => client.market.candles({ symbol, timeframe, before, limit: HISTORY_PAGE }));
    chartRef.current = chart;
    (async () => {
      chart.setHistory(await client.market.candles({ symbol, timeframe, limit: HISTORY_PAGE }));
      chart.setFills(useLedgerStore.getState().fills);
      const live = await client.market.live({ symbol, timeframe }, { signal: stop.signal });
      for await (const update of live) chart.update(update.candle);
    })().catch(() => undefined);
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

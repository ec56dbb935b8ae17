import { useEffect, useRef, useState } from 'react';
import { CHART_TIMEFRAME_MS, type ChartTimeframe } from '../../../shared/contract/chart.ts';
import type { Bot } from '../../../shared/domain/bot.ts';
import { CandleChart } from '../../charts/candle-chart.ts';
import { GapFiller } from '../../charts/gap-filler.ts';
import { client } from '../../rpc/client.ts';
import { followStream } from '../../rpc/follow-stream.ts';
import { holds, useLedgerStore } from '../../stores/ledger-store.ts';
import { followPlots } from './plot-stream.ts';
import { positionLevels } from './position-levels.ts';
import { TimeframeSwitch } from './TimeframeSwitch.tsx';

const HISTORY_PAGE = 1000;
const MAX_PAGE = 5000;

/** The bot's symbol, live, in the timeframe the trader picks: its strategy's lines, volume, fills and position levels. */
export function LiveChart({ bot }: { bot: Pick<Bot, 'id' | 'symbol' | 'strategy'> }) {
  const { id: botId, symbol } = bot;
  const strategyKey = JSON.stringify(bot.strategy);
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CandleChart | null>(null);
  const [timeframe, setTimeframe] = useState<ChartTimeframe>('1m');
  const [following, setFollowing] = useState(true);
  const fills = useLedgerStore((s) => s.fills);
  const positions = useLedgerStore((s) => s.positions);

  useEffect(() => {
    if (!container.current) return;
    const stop = new AbortController();
    const stepSeconds = CHART_TIMEFRAME_MS[timeframe] / 1000;
    const candles = (before: number | undefined, limit: number) => client.chart.candles({ symbol, timeframe, before, limit });
    const gaps = new GapFiller(async ({ from, to }) => chart.merge(await candles(to * 1000, Math.min(MAX_PAGE, Math.ceil((to - from) / stepSeconds)))));
    const chart = new CandleChart(container.current, { older: (before) => candles(before, HISTORY_PAGE), onGap: (gap) => gaps.note(gap), onFollowingChange: setFollowing }, stepSeconds);
    chartRef.current = chart;
    setFollowing(true);
    void followStream(
      (signal) => client.chart.live({ symbol, timeframe }, { signal }),
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
    const chart = chartRef.current;
    if (!chart) return;
    const stop = new AbortController();
    followPlots(chart, botId, timeframe, stop.signal);
    return () => stop.abort();
    // The strategy's parameters decide its lines: an edit resubscribes. A new symbol or timeframe makes a new chart to draw on.
  }, [botId, strategyKey, symbol, timeframe]);

  useEffect(() => {
    chartRef.current?.setFills(fills);
  }, [fills, timeframe]);

  useEffect(() => {
    chartRef.current?.setLevels(positionLevels(positions, symbol));
  }, [positions, symbol, timeframe]);

  return (
    <figure className="chart-figure" data-timeframe={timeframe}>
      <TimeframeSwitch value={timeframe} onChange={setTimeframe} />
      <div className="chart-frame">
        <div className="panel chart" ref={container} data-testid="chart" />
        {!following && (
          <button type="button" className="jump-latest" onClick={() => chartRef.current?.jumpToLatest()}>
            Jump to latest ›
          </button>
        )}
      </div>
      <figcaption className="muted">
        {symbol} · {timeframe} bars · charts by{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
          TradingView Lightweight Charts™
        </a>
      </figcaption>
    </figure>
  );
}

import type { ChartTimeframe } from '../../../shared/contract/chart.ts';
import type { CandleChart } from '../../charts/candle-chart.ts';
import { client } from '../../rpc/client.ts';
import { followStream } from '../../rpc/follow-stream.ts';

/** Feeds the bot's strategy lines into the chart until `signal` aborts; each (re)subscription sends them whole. */
export function followPlots(chart: CandleChart, botId: string, timeframe: ChartTimeframe, signal: AbortSignal): void {
  void followStream(
    (streamSignal) => client.chart.plots({ botId, timeframe }, { signal: streamSignal }),
    {
      onOpen: () => undefined,
      onItem: (event) => (event.kind === 'history' ? chart.setPlots(event.series) : chart.pushPlot(event.ts, event.values)),
    },
    signal,
  );
}

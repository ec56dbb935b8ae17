import { roundTripCostPct, type StrategyParams } from '../../../shared/domain/strategy-params.ts';

/** One short line naming a bot's strategy and its main numbers, for headers and lists. */
export function strategySummary(params: StrategyParams): string {
  const short = 'allowShort' in params && params.allowShort ? ', long and short' : '';
  switch (params.kind) {
    case 'ma_crossover':
      return `${(params.ma ?? 'sma').toUpperCase()} ${params.fast}/${params.slow}`;
    case 'rsi':
      return `RSI ${params.period} below ${params.oversold} / above ${params.overbought}${short}`;
    case 'macd':
      return `MACD ${params.fast}/${params.slow}/${params.signal}${params.histogramFilter ? `, histogram ≥ ${params.minHistogramPct} %` : ''}${short}`;
    case 'bollinger':
      return `Bollinger ${params.period}, ${params.deviations} std dev, on ${params.entry}${short}`;
    case 'momentum':
      return `${params.mode === 'roc' ? `ROC ${params.period} above ${params.rocThresholdPct} %` : `Donchian ${params.period} breakout`}${params.stopAtr > 0 ? `, stop ${params.stopAtr} ATR` : ''}${short}`;
    case 'zscore':
      return `Z-score ${params.period}, in at ${params.entryZ}, out at ${params.exitZ}${short}`;
    case 'arbitrage':
      return `Arbitrage A/B, in beyond ${params.entrySpreadPct} % net of ${roundTripCostPct(params).toFixed(2)} % costs, out below ${params.exitSpreadPct} %`;
    case 'tradingview':
      return `TradingView signals, up to ${params.maxEntries} entries`;
  }
}

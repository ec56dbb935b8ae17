// Indicators, each in two forms with identical results: a batch function over Float64Array (NaN
// during warm-up) and an incremental class (one bar at a time, O(1), null during warm-up).
export { Atr, atr } from './atr.ts';
export { Bollinger, bollinger, type BandsSeries, type BandsValue } from './bollinger.ts';
export { Donchian, donchian, type ChannelSeries, type ChannelValue } from './donchian.ts';
export { Ema, ema } from './ema.ts';
export { Macd, macd, type MacdSeries, type MacdValue } from './macd.ts';
export { Momentum, Roc, momentum, roc } from './roc.ts';
export { Rsi, rsi } from './rsi.ts';
export { Sma, sma } from './sma.ts';
export { Vwap, vwap } from './vwap.ts';
export { Wma, wma } from './wma.ts';
export { ZScore, zScore } from './zscore.ts';

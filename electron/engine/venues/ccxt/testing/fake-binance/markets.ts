/** One spot symbol the fake lists, with Binance's filter values. */
export interface FakeSymbol {
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  minNotional: string;
  status: 'TRADING' | 'BREAK';
}

export const DEFAULT_SYMBOLS: FakeSymbol[] = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.00001', minNotional: '5', status: 'TRADING' },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', tickSize: '0.01', stepSize: '0.0001', minQty: '0.001', minNotional: '5', status: 'TRADING' },
  { symbol: 'ETHBTC', base: 'ETH', quote: 'BTC', tickSize: '0.00001', stepSize: '0.0001', minQty: '0.0001', minNotional: '0.0001', status: 'TRADING' },
  { symbol: 'LUNAUSDT', base: 'LUNA', quote: 'USDT', tickSize: '0.0001', stepSize: '0.01', minQty: '0.01', minNotional: '5', status: 'BREAK' },
];

/** The symbol as Binance's `/api/v3/exchangeInfo` lists it. The BTC pair uses the legacy MIN_NOTIONAL filter, the others NOTIONAL: ccxt reads both. */
export function exchangeInfoSymbol(s: FakeSymbol): Record<string, unknown> {
  const notional = s.quote === 'BTC' || s.base === 'BTC'
    ? { filterType: 'MIN_NOTIONAL', minNotional: s.minNotional, applyToMarket: true, avgPriceMins: 5 }
    : { filterType: 'NOTIONAL', minNotional: s.minNotional, applyMinToMarket: true, maxNotional: '9000000.00', applyMaxToMarket: false, avgPriceMins: 5 };
  return {
    symbol: s.symbol,
    status: s.status,
    baseAsset: s.base,
    baseAssetPrecision: 8,
    quoteAsset: s.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: s.tickSize, maxPrice: '1000000.00000000', tickSize: s.tickSize },
      { filterType: 'LOT_SIZE', minQty: s.minQty, maxQty: '9000.00000000', stepSize: s.stepSize },
      notional,
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

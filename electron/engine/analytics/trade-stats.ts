/** What the metrics need of a closed trade: its profit or loss net of fees, in quote currency. */
export interface TradePnl {
  pnl: number;
}

export interface TradeStats {
  trades: number;
  wins: number;
  losses: number;
  /** Share of trades that made money (pnl > 0); null with no trades. */
  winRate: number | null;
  /** Gross profit of the winners over the gross loss of the losers; null with no losing trade. */
  profitFactor: number | null;
  /** Average pnl of a winning trade; null with none. */
  avgWin: number | null;
  /** Average pnl of a losing trade, negative; null with none. */
  avgLoss: number | null;
  /** Average pnl per trade (what one more trade is expected to make); null with no trades. */
  expectancy: number | null;
}

export function tradeStats(trades: readonly TradePnl[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  for (const { pnl } of trades) {
    if (pnl > 0) {
      wins += 1;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losses += 1;
      grossLoss += pnl;
    }
  }
  const count = trades.length;
  return {
    trades: count,
    wins,
    losses,
    winRate: count > 0 ? wins / count : null,
    profitFactor: losses > 0 ? grossProfit / -grossLoss : null,
    avgWin: wins > 0 ? grossProfit / wins : null,
    avgLoss: losses > 0 ? grossLoss / losses : null,
    expectancy: count > 0 ? (grossProfit + grossLoss) / count : null,
  };
}

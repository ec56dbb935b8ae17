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

/** What the trade figures are made of: a ledger of any size sums to these (in SQL, or from a list). */
export interface TradeSums {
  count: number;
  wins: number;
  losses: number;
  /** Sum of the winners' pnl (zero or more) and of the losers' (zero or less). */
  grossProfit: number;
  grossLoss: number;
}

export function sumTrades(trades: readonly TradePnl[]): TradeSums {
  const sums: TradeSums = { count: trades.length, wins: 0, losses: 0, grossProfit: 0, grossLoss: 0 };
  for (const { pnl } of trades) {
    if (pnl > 0) {
      sums.wins += 1;
      sums.grossProfit += pnl;
    } else if (pnl < 0) {
      sums.losses += 1;
      sums.grossLoss += pnl;
    }
  }
  return sums;
}

export function statsFromSums({ count, wins, losses, grossProfit, grossLoss }: TradeSums): TradeStats {
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

export const tradeStats = (trades: readonly TradePnl[]): TradeStats => statsFromSums(sumTrades(trades));

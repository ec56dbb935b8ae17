// Straightforward implementations written from the definitions (textbook forms, whole-window
// recomputation, no running sums), to check the fast ones against. O(n * period): tests only.

const nans = (length: number) => Array.from({ length }, () => Number.NaN);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const window = (values: ArrayLike<number>, end: number, period: number) => Array.from(values).slice(end - period + 1, end + 1);

export function refSma(values: ArrayLike<number>, period: number): number[] {
  return Array.from(values, (_, i) => (i < period - 1 ? Number.NaN : mean(window(values, i, period))));
}

/** EMA seeded with the mean of values[from .. from + period), written in the textbook form k*x + (1-k)*prev. */
export function refEma(values: ArrayLike<number>, period: number, from = 0): number[] {
  const out = nans(values.length);
  const k = 2 / (period + 1);
  for (let i = from + period - 1; i < values.length; i++) {
    out[i] = i === from + period - 1 ? mean(Array.from(values).slice(from, from + period)) : k * values[i]! + (1 - k) * out[i - 1]!;
  }
  return out;
}

/** Wilder's RSI: RS = average gain / average loss, RSI = 100 - 100 / (1 + RS); a market that never moved reads 0. */
export function refRsi(values: ArrayLike<number>, period: number): number[] {
  const out = nans(values.length);
  let gain = 0;
  let loss = 0;
  for (let i = period; i < values.length; i++) {
    if (i === period) {
      const changes = Array.from(values).slice(0, period + 1).map((v, j, all) => (j === 0 ? 0 : v - all[j - 1]!)).slice(1);
      gain = mean(changes.map((c) => Math.max(c, 0)));
      loss = mean(changes.map((c) => Math.max(-c, 0)));
    } else {
      const change = values[i]! - values[i - 1]!;
      gain = (gain * (period - 1) + Math.max(change, 0)) / period;
      loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
    }
    out[i] = loss === 0 ? (gain === 0 ? 0 : 100) : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

/** TA-Lib's MACD from its description: fast EMA seeded on the `fast` values ending at slow - 1. */
export function refMacd(values: ArrayLike<number>, fast: number, slow: number, signal: number) {
  const slowEma = refEma(values, slow);
  const fastEma = refEma(values, fast, slow - fast);
  const line = slowEma.map((s, i) => fastEma[i]! - s);
  const signalLine = refEma(line, signal, slow - 1);
  const first = slow + signal - 2;
  const macd = line.map((v, i) => (i < first ? Number.NaN : v));
  return { macd, signal: signalLine, histogram: macd.map((m, i) => m - signalLine[i]!) };
}

/** Population standard deviation, two passes over the window. */
export function refStd(values: ArrayLike<number>, period: number): number[] {
  return Array.from(values, (_, i) => {
    if (i < period - 1) return Number.NaN;
    const w = window(values, i, period);
    const m = mean(w);
    return Math.sqrt(mean(w.map((v) => (v - m) ** 2)));
  });
}

export function refWma(values: ArrayLike<number>, period: number): number[] {
  return Array.from(values, (_, i) =>
    i < period - 1 ? Number.NaN : window(values, i, period).reduce((sum, v, j) => sum + v * (j + 1), 0) / ((period * (period + 1)) / 2),
  );
}

export function refVwap(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, volume: ArrayLike<number>, period: number): number[] {
  return Array.from(close, (_, i) => {
    if (i < period - 1) return Number.NaN;
    let priceVolume = 0;
    let traded = 0;
    for (let j = i - period + 1; j <= i; j++) {
      priceVolume += ((high[j]! + low[j]! + close[j]!) / 3) * volume[j]!;
      traded += volume[j]!;
    }
    return window(volume, i, period).some((v) => v > 0) ? priceVolume / traded : Number.NaN;
  });
}

export function refExtreme(values: ArrayLike<number>, period: number, kind: 'max' | 'min'): number[] {
  return Array.from(values, (_, i) => (i < period - 1 ? Number.NaN : Math[kind](...window(values, i, period))));
}

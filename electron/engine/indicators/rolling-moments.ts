/**
 * Mean and population standard deviation of the last `period` values in O(1) per update.
 * TA-Lib's BBANDS/STDDEV use E[x²] - E[x]² over raw running sums: at a price of 100 000 the
 * squares are 1e10 and their float noise (~1e-6) swamps a small variance, and below 1e-8 it
 * reports 0 (TA_IS_ZERO_OR_NEG), so a coin priced at 0.00001 gets bands of zero width. Here the
 * sums are of deviations from a shift (the window's mean at the last rebuild), rebuilt from the
 * window every `period` values so drift stays bounded, and also as soon as the squares outgrow the
 * variance a millionfold (after a crash, yesterday's shift is far from today's prices and the
 * subtraction would eat the digits). Batch forms drive this same class, so they agree to the bit.
 */
export class RollingMoments {
  readonly period: number;
  readonly #window: Float64Array;
  #count = 0;
  #next = 0;
  #sum = 0;
  #shift = 0;
  #s1 = 0;
  #s2 = 0;

  constructor(period: number) {
    this.period = period;
    this.#window = new Float64Array(period);
  }

  get ready(): boolean {
    return this.#count === this.period;
  }

  get mean(): number {
    return this.#sum / this.period;
  }

  /** May rebuild the sums first (see above), hence a method. */
  std(): number {
    const period = this.period;
    const meanDeviation = this.#s1 / period;
    const meanSquare = this.#s2 / period;
    const variance = meanSquare - meanDeviation * meanDeviation;
    if (meanSquare > CANCELLATION_LIMIT * variance) {
      this.#rebuild();
      return stdOf(this.#s1, this.#s2, period);
    }
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  push(value: number): void {
    const leaving = this.#window[this.#next]!;
    this.#window[this.#next] = value;
    this.#next = (this.#next + 1) % this.period;
    if (this.#count < this.period) {
      this.#count += 1;
      this.#sum += value;
    } else {
      const shift = this.#shift;
      this.#sum += value - leaving;
      this.#s1 += value - shift - (leaving - shift);
      this.#s2 += (value - shift) * (value - shift) - (leaving - shift) * (leaving - shift);
    }
    if (this.#next === 0) this.#rebuild();
  }

  /** Sums again over the window, oldest first, with the window's mean as the new shift. */
  #rebuild(): void {
    const period = this.period;
    const window = this.#window;
    const oldest = this.#count < period ? 0 : this.#next;
    let sum = 0;
    for (let i = 0; i < period; i++) sum += window[(oldest + i) % period]!;
    const shift = sum / period;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < period; i++) {
      const deviation = window[(oldest + i) % period]! - shift;
      s1 += deviation;
      s2 += deviation * deviation;
    }
    this.#sum = sum;
    this.#shift = shift;
    this.#s1 = s1;
    this.#s2 = s2;
  }
}

/** Squares this many times the variance leave about 6 of float's 16 digits: enough for 1e-9. */
const CANCELLATION_LIMIT = 1e6;

function stdOf(s1: number, s2: number, period: number): number {
  const mean = s1 / period;
  const variance = s2 / period - mean * mean;
  return variance > 0 ? Math.sqrt(variance) : 0;
}

/** Scratch for `rebuildInto`: sum, shift, s1, s2. One module-level array, so a rebuild allocates nothing. */
const sums = new Float64Array(4);

/** The rebuild of `RollingMoments`, over values[end - period + 1 .. end], oldest first. */
function rebuildInto(values: Float64Array, end: number, period: number): void {
  let sum = 0;
  for (let j = end + 1 - period; j <= end; j++) sum += values[j]!;
  const shift = sum / period;
  let s1 = 0;
  let s2 = 0;
  for (let j = end + 1 - period; j <= end; j++) {
    const deviation = values[j]! - shift;
    s1 += deviation;
    s2 += deviation * deviation;
  }
  sums[0] = sum;
  sums[1] = shift;
  sums[2] = s1;
  sums[3] = s2;
}

/**
 * Batch form: writes the mean and standard deviation of each window into `mean` and `std` from
 * index period - 1 on. The same steps as `RollingMoments`, in the same order (so the same bits),
 * as plain loops: blocks of period - 1 running updates between the scheduled rebuilds.
 */
export function rollingMoments(values: Float64Array, period: number, mean: Float64Array, std: Float64Array): void {
  const length = values.length;
  if (length < period) return;
  rebuildInto(values, period - 1, period);
  let sum = sums[0]!;
  let shift = sums[1]!;
  let s1 = sums[2]!;
  let s2 = sums[3]!;
  let i = period - 1;
  while (i < length) {
    let meanDeviation = s1 / period;
    let meanSquare = s2 / period;
    let variance = meanSquare - meanDeviation * meanDeviation;
    // As `std()`: the check runs after a scheduled rebuild too (a second rebuild gives the same sums).
    if (meanSquare > CANCELLATION_LIMIT * variance) {
      rebuildInto(values, i, period);
      sum = sums[0]!;
      shift = sums[1]!;
      s1 = sums[2]!;
      s2 = sums[3]!;
      meanDeviation = s1 / period;
      meanSquare = s2 / period;
      variance = meanSquare - meanDeviation * meanDeviation;
    }
    mean[i] = sum / period;
    std[i] = variance > 0 ? Math.sqrt(variance) : 0;
    i++;
    if (i === length) break;
    if ((i + 1) % period === 0) {
      rebuildInto(values, i, period);
      sum = sums[0]!;
      shift = sums[1]!;
      s1 = sums[2]!;
      s2 = sums[3]!;
      continue;
    }
    const value = values[i]!;
    const leaving = values[i - period]!;
    sum += value - leaving;
    s1 += value - shift - (leaving - shift);
    s2 += (value - shift) * (value - shift) - (leaving - shift) * (leaving - shift);
  }
}

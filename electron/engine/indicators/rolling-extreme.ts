/**
 * The highest (or lowest) of the last `period` values in O(1) amortised per update: a monotonic
 * queue keeps only the values that can still become the extreme, each entering and leaving once.
 */
export class RollingExtreme {
  readonly #values: Float64Array;
  readonly #indexes: Float64Array;
  readonly #better: (a: number, b: number) => boolean;
  #head = 0;
  #size = 0;
  #seen = 0;

  readonly period: number;

  constructor(period: number, kind: 'max' | 'min') {
    this.period = period;
    this.#values = new Float64Array(period);
    this.#indexes = new Float64Array(period);
    this.#better = kind === 'max' ? (a, b) => a >= b : (a, b) => a <= b;
  }

  push(value: number): number {
    const capacity = this.period;
    const index = this.#seen++;
    if (this.#size > 0 && this.#indexes[this.#head]! <= index - capacity) {
      this.#head = (this.#head + 1) % capacity;
      this.#size -= 1;
    }
    // Drop the queued values the new one beats: they can never be the extreme again.
    while (this.#size > 0 && this.#better(value, this.#values[(this.#head + this.#size - 1) % capacity]!)) this.#size -= 1;
    const tail = (this.#head + this.#size) % capacity;
    this.#values[tail] = value;
    this.#indexes[tail] = index;
    this.#size += 1;
    return this.#values[this.#head]!;
  }
}

/**
 * Prometheus text exposition format (version 0.0.4), written by hand: counters, gauges and
 * histograms with `# HELP` / `# TYPE` once per family, label values escaped as the format asks.
 */
export type Labels = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Backslash, double quote and line feed are the three characters a label value must escape. */
export const escapeLabelValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** Go's float formatting as Prometheus reads it: NaN and the infinities by name. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  for (const [name] of entries) if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`Bad label name ${name}`);
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

export interface Sample {
  labels: Labels;
  value: number;
}

/** One family: its header lines, then a line per sample (suffix for a histogram's _bucket/_sum/_count). */
export function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: readonly (Sample & { suffix?: string })[]): string {
  if (!NAME.test(name)) throw new Error(`Bad metric name ${name}`);
  const lines = [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`];
  for (const { labels, value, suffix } of samples) lines.push(`${name}${suffix ?? ''}${labelText(labels)} ${formatValue(value)}`);
  return `${lines.join('\n')}\n`;
}

/** A counter keyed by its labels; increments only. */
export class Counter {
  readonly #values = new Map<string, Sample>();

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`A counter only goes up (asked to add ${by})`);
    const key = JSON.stringify(Object.entries(labels).sort());
    const sample = this.#values.get(key);
    if (sample) sample.value += by;
    else this.#values.set(key, { labels: { ...labels }, value: by });
  }

  get(labels: Labels = {}): number {
    return this.#values.get(JSON.stringify(Object.entries(labels).sort()))?.value ?? 0;
  }

  samples(): Sample[] {
    return [...this.#values.values()];
  }
}

/** A histogram without labels: cumulative buckets by upper bound, plus the sum and the count. */
export class Histogram {
  readonly #bounds: readonly number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  constructor(bounds: readonly number[]) {
    this.#bounds = [...bounds].sort((a, b) => a - b);
    this.#counts = this.#bounds.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    this.#bounds.forEach((bound, i) => {
      if (value <= bound) this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    });
    this.#sum += value;
    this.#count += 1;
  }

  samples(): (Sample & { suffix: string })[] {
    return [
      ...this.#bounds.map((bound, i) => ({ suffix: '_bucket', labels: { le: formatValue(bound) }, value: this.#counts[i] ?? 0 })),
      { suffix: '_bucket', labels: { le: '+Inf' }, value: this.#count },
      { suffix: '_sum', labels: {}, value: this.#sum },
      { suffix: '_count', labels: {}, value: this.#count },
    ];
  }
}

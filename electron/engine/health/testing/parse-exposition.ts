/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: it throws on any
 * line Prometheus would refuse or misread, and on what the format forbids across lines (a second
 * TYPE for a family, a family's samples split up, a sample before its TYPE, histogram buckets that
 * are not cumulative or do not end in +Inf equal to _count).
 */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface ParsedFamily {
  type: string;
  help: string | null;
  samples: ParsedSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: string): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`Bad value in: ${line}`);
  return Number(text);
}

/** Reads `{a="x",b="y\"z"}` from the start of `rest`; returns the labels and what follows. */
function parseLabels(rest: string, line: string): { labels: Record<string, string>; after: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  while (rest[i] !== '}') {
    const name = LABEL_NAME.exec(rest.slice(i))?.[0];
    if (!name || rest.slice(i + name.length, i + name.length + 2) !== '="') throw new Error(`Bad label in: ${line}`);
    if (name in labels) throw new Error(`Label ${name} twice in: ${line}`);
    i += name.length + 2;
    let value = '';
    for (;;) {
      const c = rest[i];
      if (c === undefined || c === '\n') throw new Error(`Unterminated label value in: ${line}`);
      i += 1;
      if (c === '"') break;
      if (c !== '\\') {
        value += c;
        continue;
      }
      const escaped = rest[i];
      i += 1;
      if (escaped === '\\' || escaped === '"') value += escaped;
      else if (escaped === 'n') value += '\n';
      else throw new Error(`Bad escape \\${escaped ?? ''} in: ${line}`);
    }
    labels[name] = value;
    if (rest[i] === ',') i += 1;
    else if (rest[i] !== '}') throw new Error(`Expected , or } in: ${line}`);
  }
  return { labels, after: rest.slice(i + 1) };
}

const familyOf = (name: string, families: Map<string, ParsedFamily>): string => {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && families.get(base)?.type === 'histogram') return base;
  }
  return name;
};

export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (!text.endsWith('\n')) throw new Error('The text must end with a line feed');
  const families = new Map<string, ParsedFamily>();
  const finished = new Set<string>();
  const typed = new Set<string>();
  let current: string | null = null;
  const enter = (name: string) => {
    if (current !== name) {
      if (finished.has(name)) throw new Error(`Family ${name} is split up`);
      if (current) finished.add(current);
      current = name;
    }
  };
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME})(?: (.*))?$`).exec(line);
    if (meta) {
      const [, kind, name = '', rest = ''] = meta;
      enter(name);
      const family = families.get(name) ?? { type: 'untyped', help: null, samples: [] };
      if (kind === 'TYPE') {
        if (typed.has(name)) throw new Error(`Second TYPE for ${name}`);
        typed.add(name);
        if (family.samples.length > 0) throw new Error(`TYPE after samples of ${name}`);
        if (!TYPES.has(rest)) throw new Error(`Bad type in: ${line}`);
        family.type = rest;
      } else {
        if (family.help !== null) throw new Error(`Second HELP for ${name}`);
        family.help = rest;
      }
      families.set(name, family);
      continue;
    }
    if (line.startsWith('#') || line === '') continue;
    const name = new RegExp(`^${NAME}`).exec(line)?.[0];
    if (!name) throw new Error(`Bad metric name in: ${line}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, after: rest } = parseLabels(rest, line));
    const parts = rest.split(' ');
    if (parts[0] !== '' || parts.length < 2 || parts.length > 3) throw new Error(`Bad sample line: ${line}`);
    const base = familyOf(name, families);
    enter(base);
    const family = families.get(base);
    if (!family) throw new Error(`Sample before the TYPE of ${base}`);
    family.samples.push({ name, labels, value: parseValue(parts[1] ?? '', line) });
  }
  for (const [name, family] of families) if (family.type === 'histogram') checkHistogram(name, family.samples);
  return families;
}

function checkHistogram(name: string, samples: ParsedSample[]): void {
  const buckets = samples.filter((s) => s.name === `${name}_bucket`);
  const count = samples.find((s) => s.name === `${name}_count`)?.value;
  if (!samples.some((s) => s.name === `${name}_sum`) || count === undefined) throw new Error(`${name} has no _sum or _count`);
  const bounds = buckets.map((b) => parseValue(b.labels.le ?? 'missing', `${name} le`));
  if (bounds.at(-1) !== Infinity) throw new Error(`${name} does not end with le="+Inf"`);
  bounds.forEach((bound, i) => {
    if (i > 0 && !(bound > (bounds[i - 1] ?? -Infinity))) throw new Error(`${name} buckets are not in order`);
    if (i > 0 && (buckets[i]?.value ?? 0) < (buckets[i - 1]?.value ?? 0)) throw new Error(`${name} buckets are not cumulative`);
  });
  if (buckets.at(-1)?.value !== count) throw new Error(`${name} +Inf bucket differs from _count`);
}

/** The value of one sample, or undefined. */
export function sampleValue(families: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const family of families.values()) {
    const found = family.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
    if (found) return found.value;
  }
  return undefined;
}

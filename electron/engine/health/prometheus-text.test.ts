import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counter, escapeLabelValue, family, formatValue, Histogram } from './prometheus-text.ts';
import { parseExposition, sampleValue } from './testing/parse-exposition.ts';

describe('Prometheus text exposition', () => {
  it('writes HELP and TYPE once per family and a line per sample, which a strict reader takes back', () => {
    const orders = new Counter();
    orders.inc({ status: 'FILLED' });
    orders.inc({ status: 'FILLED' }, 2);
    orders.inc({ status: 'REJECTED' });
    const text = family('stoxrobot_orders_total', 'counter', 'Orders by status', orders.samples()) + family('stoxrobot_up', 'gauge', 'Up', [{ labels: {}, value: 1 }]);
    expect(text).toBe(
      '# HELP stoxrobot_orders_total Orders by status\n# TYPE stoxrobot_orders_total counter\nstoxrobot_orders_total{status="FILLED"} 3\nstoxrobot_orders_total{status="REJECTED"} 1\n' +
        '# HELP stoxrobot_up Up\n# TYPE stoxrobot_up gauge\nstoxrobot_up 1\n',
    );
    const parsed = parseExposition(text);
    expect(parsed.get('stoxrobot_orders_total')?.type).toBe('counter');
    expect(sampleValue(parsed, 'stoxrobot_orders_total', { status: 'FILLED' })).toBe(3);
  });

  it('escapes any label value so it reads back exactly (backslash, quote, line feed, braces, unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const text = family('m', 'gauge', 'h', [{ labels: { account: value }, value: 1 }]);
        expect(text.split('\n')).toHaveLength(4); // a value never breaks the line
        expect(parseExposition(text).get('m')?.samples[0]?.labels.account).toBe(value);
      }),
    );
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('writes NaN and the infinities by name, and tiny and huge numbers as numbers', () => {
    expect([NaN, Infinity, -Infinity, 1e-9, 1.5e300, 0].map(formatValue)).toEqual(['NaN', '+Inf', '-Inf', '1e-9', '1.5e+300', '0']);
    const text = family('m', 'gauge', 'h', [NaN, 1e-9, 1.5e300].map((value, i) => ({ labels: { i: String(i) }, value })));
    expect(parseExposition(text).get('m')?.samples.map((s) => s.value)).toEqual([NaN, 1e-9, 1.5e300]);
  });

  it('keeps histogram buckets cumulative, ending in +Inf equal to the count; ignores NaN', () => {
    const h = new Histogram([0.1, 1]);
    for (const v of [0.05, 0.1, 0.5, 3, NaN]) h.observe(v);
    const text = family('lat_seconds', 'histogram', 'Latency', h.samples());
    expect(text).toContain('lat_seconds_bucket{le="0.1"} 2\nlat_seconds_bucket{le="1"} 3\nlat_seconds_bucket{le="+Inf"} 4\nlat_seconds_sum 3.65\nlat_seconds_count 4\n');
    expect(parseExposition(text).get('lat_seconds')?.samples).toHaveLength(5);
  });

  it('refuses bad names and a counter that goes down (bugs, so they throw)', () => {
    expect(() => family('9bad', 'gauge', 'h', [])).toThrow(/Bad metric name/);
    expect(() => family('m', 'gauge', 'h', [{ labels: { 'a-b': 'x' }, value: 1 }])).toThrow(/Bad label name/);
    expect(() => new Counter().inc({}, -1)).toThrow(/only goes up/);
    expect(() => new Counter().inc({}, NaN)).toThrow(/only goes up/);
  });

  it('has a reader that refuses what Prometheus refuses (so the tests above can fail)', () => {
    const bad = [
      '# TYPE m gauge\nm 1', // no final line feed
      '# TYPE m gauge\n# TYPE m gauge\nm 1\n',
      '# TYPE m gauge\nm{a="x} 1\n',
      '# TYPE m gauge\nm{a="\\q"} 1\n',
      '# TYPE m gauge\nm one\n',
      '# TYPE m gauge\nm 1\n# TYPE n gauge\nn 1\nm 2\n',
      'm 1\n# TYPE m gauge\n',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
      '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n',
    ];
    for (const text of bad) expect(() => parseExposition(text), text).toThrow();
  });
});

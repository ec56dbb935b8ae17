import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { parseCandleCsv } from './candle-csv.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

const bar = (ts: number, close = 100): Candle => ({ ts, open: close, high: close + 1, low: close - 1, close, volume: 5 });
const row = (c: Candle, time: string | number = c.ts) => `${time},${c.open},${c.high},${c.low},${c.close},${c.volume}`;

function parsed(text: string) {
  const result = parseCandleCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refused(text: string) {
  const result = parseCandleCsv(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('parseCandleCsv: formats', () => {
  it('reads a header in any order and case, ignoring unknown columns', () => {
    const { candles, report } = parsed('Volume,Close,Low,High,Open,AdjClose,Timestamp\n7,10.5,9,11,10,10.4,1704067200000\n');
    expect(candles).toEqual([{ ts: T0, open: 10, high: 11, low: 9, close: 10.5, volume: 7 }]);
    expect(report).toMatchObject({ hasHeader: true, timestampUnit: 'ms', rowsRead: 1 });
  });

  it('reads a file without header in timestamp,open,high,low,close,volume order', () => {
    const { candles, report } = parsed(`${row(bar(T0))}\n${row(bar(T0 + MINUTE))}`);
    expect(candles).toEqual([bar(T0), bar(T0 + MINUTE)]);
    expect(report).toMatchObject({ hasHeader: false, intervalMs: MINUTE });
  });

  it.each([
    ['seconds', '1704067200', 's'],
    ['milliseconds', '1704067200000', 'ms'],
    ['microseconds', '1704067200000000', 'us'],
    ['ISO with Z', '2024-01-01T00:00:00Z', 'iso'],
    ['ISO with space and no zone (UTC)', '2024-01-01 00:00:00', 'iso'],
    ['ISO with offset', '2024-01-01T01:00:00+01:00', 'iso'],
    ['a date at UTC midnight', '2024-01-01', 'iso'],
  ])('reads times in %s', (_, time, unit) => {
    const { candles, report } = parsed(row(bar(T0), time));
    expect(candles[0]?.ts).toBe(T0);
    expect(report.timestampUnit).toBe(unit);
  });

  it('takes a byte order mark, CRLF line ends, quotes, blank lines and semicolons', () => {
    const text = '\uFEFF"date";"open";"high";"low";"close";"volume"\r\n\r\n"2024-01-01";1;2;0.5;1.5;10\r\n';
    expect(parsed(text).candles).toEqual([{ ts: T0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
  });

  it('takes old Mac line ends (a lone CR)', () => {
    expect(parsed(`${row(bar(T0))}\r${row(bar(T0 + MINUTE))}\r`).candles).toHaveLength(2);
  });

  it('reads volume as 0 when the header has no volume column', () => {
    expect(parsed('date,open,high,low,close\n2024-01-01,1,2,0.5,1.5').candles[0]?.volume).toBe(0);
  });

  it('keeps tiny and huge prices exactly', () => {
    const { candles } = parsed(`${T0},1e-9,2e-9,5e-10,1.5e-9,0\n${T0 + MINUTE},1e15,2e15,5e14,1.5e15,1e20`);
    expect(candles.map((c) => c.close)).toEqual([1.5e-9, 1.5e15]);
  });

  it('reads the shipped S&P 500 sample: 5,105 weekday bars, no duplicates, holidays as the only gaps', () => {
    const { candles, report } = parsed(readFileSync('resources/history/sp500-daily.csv', 'utf8'));
    expect(candles).toHaveLength(5105);
    expect(report).toMatchObject({ hasHeader: true, timestampUnit: 'iso', intervalMs: 86_400_000, duplicates: 0, wasSorted: true });
    expect(report.gaps.every((gap) => gap.missingBars <= 4)).toBe(true);
  });
});

describe('parseCandleCsv: order, duplicates, gaps', () => {
  it('sorts rows and reports that they were not in order', () => {
    const { candles, report } = parsed([bar(T0 + 2 * MINUTE), bar(T0), bar(T0 + MINUTE)].map((c) => row(c)).join('\n'));
    expect(candles.map((c) => c.ts)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(report.wasSorted).toBe(false);
  });

  it('keeps an exact duplicate once and reports its time', () => {
    const { candles, report } = parsed([bar(T0), bar(T0 + MINUTE), bar(T0)].map((c) => row(c)).join('\n'));
    expect(candles).toHaveLength(2);
    expect(report).toMatchObject({ duplicates: 1, duplicateTimes: [T0] });
  });

  it('refuses two different bars at the same time, naming both lines', () => {
    const error = refused([bar(T0, 100), bar(T0 + MINUTE), bar(T0, 101)].map((c) => row(c)).join('\n'));
    expect(error.message).toContain('Line 3 has a second bar at 2024-01-01T00:00:00.000Z with other prices than line 1');
  });

  it('reports a gap with the bars either side and the number missing', () => {
    const { report } = parsed([0, 1, 2, 6, 7].map((i) => row(bar(T0 + i * MINUTE))).join('\n'));
    expect(report).toMatchObject({ gapCount: 1, missingBars: 3, gaps: [{ from: T0 + 2 * MINUTE, to: T0 + 6 * MINUTE, missingBars: 3 }] });
  });
});

describe('parseCandleCsv: hostile input', () => {
  it.each([
    ['an empty file', '', 'The file is empty'],
    ['only a byte order mark and blank lines', '\uFEFF\n\r\n  \n', 'The file is empty'],
    ['only a header', 'timestamp,open,high,low,close,volume\n', 'header row but no candles'],
    ['a header without close', 'timestamp,open,high,low,volume\n1,1,1,1,1', 'has no close column'],
  ])('refuses %s', (_, text, message) => {
    expect(refused(text).message).toContain(message);
  });

  it.each([
    ['NaN', `${T0},NaN,2,1,1.5,1`, 'open "NaN" is not a number'],
    ['Infinity', `${T0},1,Infinity,1,1,1`, 'high "Infinity" is not a number'],
    ['an overflow', `${T0},1,1e400,1,1,1`, 'high 1e400 is too large'],
    ['a negative price', `${T0},-1,2,1,1.5,1`, 'open -1 is not a positive price'],
    ['a zero price', `${T0},1,2,0,1.5,1`, 'low 0 is not a positive price'],
    ['a negative volume', `${T0},1,2,1,1.5,-3`, 'volume -3 is negative'],
    ['high below low', `${T0},1,1,2,1,1`, 'high 1 is below low 2'],
    ['high below the close', `${T0},1,1.5,1,2,1`, 'high 1.5 is below the open 1 or close 2'],
    ['low above the open', `${T0},1,3,1.5,2,1`, 'low 1.5 is above the open 1 or close 2'],
    ['a missing column', `${T0},1,2,1`, 'close is missing'],
    ['a date that does not exist', '2023-02-30,1,2,1,1.5,1', 'date "2023-02-30" does not exist'],
    ['a time far in the future', '99999999999999999,1,2,1,1.5,1', 'time "99999999999999999" is outside 1900-2199'],
    ['words as time', 'yesterday,1,2,1,1.5,1', 'time "yesterday" is neither an epoch number nor an ISO-8601 date'],
    ['a spreadsheet date serial', '45292,1,2,1,1.5,1', 'time 45292 is too small for epoch seconds'],
    ['a YYYYMMDD number', '20240101,1,2,1,1.5,1', 'time 20240101 is too small for epoch seconds'],
    ['a month that does not exist', '2024-13-01,1,2,1,1.5,1', 'date "2024-13-01" does not exist'],
    ['a US date', '01/02/2024,1,2,1,1.5,1', 'time "01/02/2024" is neither an epoch number nor an ISO-8601 date'],
    ['a repeated header', 'timestamp,open,high,low,close,volume', 'time "timestamp" is neither an epoch number nor an ISO-8601 date'],
  ])('refuses a row with %s, naming the line', (_, line, message) => {
    const error = refused(`${row(bar(T0 - MINUTE))}\n${line}`);
    expect(error.message).toContain(`1 of 2 rows could not be read, so nothing was imported. line 2: ${message}`);
    expect(error.issues).toEqual([{ path: ['line', 2], message: expect.stringContaining(message) }]);
  });

  it('quotes at most 40 characters of a bad cell', () => {
    const message = refused(`${'9'.repeat(5000)}x,1,2,1,1.5,1`).message;
    expect(message).toContain(`time "${'9'.repeat(40)}…" is neither`);
    expect(message.length).toBeLessThan(200);
  });

  it('refuses a file mixing seconds and milliseconds', () => {
    expect(refused(`1704067200,1,2,1,1.5,1\n1704067260000,1,2,1,1.5,1`).message).toContain('line 2: time is in milliseconds but the first row used seconds');
  });

  it('lists the first five bad lines and counts the rest', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => (i % 100 === 9 ? `${T0 + i * MINUTE},x,1,1,1,1` : row(bar(T0 + i * MINUTE))));
    const error = refused(lines.join('\n'));
    expect(error.message).toMatch(/^10 of 1000 rows could not be read.*line 10: .*line 410: .*\(and 5 more\)$/);
  });

  it('reads 200,000 rows (a big file) without trouble', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => row(bar(T0 + i * MINUTE, 100 + (i % 50))));
    expect(parsed(lines.join('\r\n')).candles).toHaveLength(200_000);
  });
});

const candleArb = fc
  .record({
    minute: fc.integer({ min: 0, max: 500_000 }),
    open: fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
    close: fc.double({ min: 1e-8, max: 1e12, noNaN: true }),
    up: fc.double({ min: 0, max: 1e6, noNaN: true }),
    down: fc.double({ min: 0, max: 1, noNaN: true }),
    volume: fc.double({ min: 0, max: 1e15, noNaN: true }),
  })
  .map(({ minute, open, close, up, down, volume }): Candle => ({
    ts: T0 + minute * MINUTE,
    open,
    close,
    high: Math.max(open, close) + up,
    low: Math.min(open, close) * (1 - down * 0.99),
    volume,
  }));

describe('parseCandleCsv: properties', () => {
  it('any valid bars written out come back sorted, unique and exact, in any row order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candleArb, { selector: (c) => c.ts, minLength: 1, maxLength: 60 }), fc.boolean(), (bars, header) => {
        const text = (header ? 'timestamp,open,high,low,close,volume\n' : '') + bars.map((c) => row(c)).join('\n');
        const { candles, report } = parsed(text);
        expect(candles).toEqual([...bars].sort((a, b) => a.ts - b.ts));
        expect(report.rowsRead).toBe(bars.length);
      }),
    );
  });

  it('repeating rows changes nothing but the duplicate count', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candleArb, { selector: (c) => c.ts, minLength: 1, maxLength: 30 }), fc.nat(), (bars, seed) => {
        const repeated = [...bars, ...bars.filter((_, i) => (i + seed) % 3 === 0)];
        const { candles, report } = parsed(repeated.map((c) => row(c)).join('\n'));
        expect(candles).toHaveLength(bars.length);
        expect(report.duplicates).toBe(repeated.length - bars.length);
      }),
    );
  });

  it('never throws on arbitrary text: it returns candles or a refusal', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,;-eE:TZ \n\r"\uFEFFabc'.split('')), maxLength: 200 }), (text) => {
        const result = parseCandleCsv(text);
        if (result.ok) for (const c of result.value.candles) expect(c.low <= c.high && c.low > 0 && Number.isInteger(c.ts)).toBe(true);
      }),
    );
  });
});

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, numberCell, textCell } from './csv-cells.ts';
import { localTimeFormatter } from './local-time.ts';

describe('text cells', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['-', "'-"],
    ['BTC/USDT', 'BTC/USDT'],
    ["'quoted already", "'quoted already"],
  ])('%j is written as text a spreadsheet will not run (then quoted as RFC 4180 needs)', (value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it('leaves a missing value empty', () => {
    expect(textCell(null)).toBe('');
  });
});

describe('number cells', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [-0, '0'],
    [1e-7, '0.0000001'],
    [1.5e-12, '0.0000000000015'],
    [123456789012345680000, '123456789012346000000'],
    [999.9999999999999, '1000'],
    [-1e-120, `-0.${'0'.repeat(119)}1`],
    [-12.5, '-12.5'],
    [65000.25, '65000.25'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('%d is written %s (a dot, no exponent, no float noise)', (value, cell) => {
    expect(numberCell(value)).toBe(cell);
  });

  it('keeps every digit a price or quantity holds: the cell reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (value) => {
        const cell = numberCell(value);
        expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(cell)).toBe(Number(value.toPrecision(15)) || 0);
      }),
    );
  });
});

describe('lines', () => {
  it('quotes commas, quotes and newlines and ends every line with CRLF; csv-parse reads back the same text (formula-like cells prefixed)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '€', '=', '-') }), { minLength: 1, maxLength: 6 }), (cells) => {
        const line = csvLine(cells.map(textCell));
        expect(line.endsWith('\r\n')).toBe(true);
        const [row] = parse(line, { relax_column_count: true, record_delimiter: '\r\n' }) as string[][];
        // A line of one empty cell is an empty line, which csv-parse skips.
        if (cells.length === 1 && cells[0] === '') return;
        expect(row).toEqual(cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      }),
    );
  });
});

describe('local time', () => {
  it('writes the wall clock of the zone with its offset, following summer time', () => {
    const berlin = localTimeFormatter('Europe/Berlin');
    if (!berlin.ok) throw new Error(berlin.error.message);
    expect(berlin.value(Date.UTC(2026, 0, 15, 12, 0, 0, 250))).toBe('2026-01-15T13:00:00.250+01:00');
    expect(berlin.value(Date.UTC(2026, 6, 15, 12, 0, 0))).toBe('2026-07-15T14:00:00.000+02:00');
    // The spring-forward hour: 00:59:59 UTC is 01:59:59 CET, 01:00 UTC is 03:00 CEST.
    expect(berlin.value(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe('2026-03-29T01:59:59.000+01:00');
    expect(berlin.value(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe('2026-03-29T03:00:00.000+02:00');
    const kolkata = localTimeFormatter('Asia/Kolkata');
    expect(kolkata.ok && kolkata.value(Date.UTC(2026, 0, 1))).toBe('2026-01-01T05:30:00.000+05:30');
    const newYork = localTimeFormatter('America/New_York');
    expect(newYork.ok && newYork.value(Date.UTC(2026, 0, 1))).toBe('2025-12-31T19:00:00.000-05:00');
  });

  it('refuses a zone the runtime does not know, in plain words', () => {
    const result = localTimeFormatter('Mars/Olympus');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("'Mars/Olympus' is not a time zone");
  });
});

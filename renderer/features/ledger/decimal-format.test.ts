import { describe, expect, it } from 'vitest';
import { formatPrice, formatQty } from './decimal-format.ts';

describe('ledger number formats', () => {
  it('shows prices of cheap coins instead of 0.00, and keeps two decimals for the rest', () => {
    expect(formatPrice(0.00001234)).toBe('0.00001234');
    expect(formatPrice(2850.5)).toBe('2850.50');
    expect(formatPrice(106.666666666667)).toBe('106.66666667');
    expect(formatPrice(1234567.5)).toBe('1234567.50'); // no separator: reads back with Number()
  });

  it('shows dust quantities as decimals, never as 1e-9', () => {
    expect(formatQty(1e-9)).toBe('0.000000001');
    expect(formatQty(0.1 + 0.2)).toBe('0.3');
    expect(formatQty(2)).toBe('2');
  });
});

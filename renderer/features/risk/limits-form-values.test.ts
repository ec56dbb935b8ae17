import { describe, expect, it } from 'vitest';
import { fromText, toText } from './limits-form-values.ts';

const off = { maxOpenPositions: null, maxSymbolExposure: null, maxTotalExposure: null, dailyLossLimit: null, maxDrawdownPct: null, maxPriceAgeSeconds: 120, dailyResetTime: '00:00', timeZone: 'UTC' };

describe('the limits form', () => {
  it('reads an empty box as off and a number as the limit, and gives back what it showed', () => {
    const text = { ...toText(off), dailyLossLimit: ' 1,500.5 ', maxOpenPositions: '3' };
    expect(fromText(text)).toEqual({ limits: { ...off, dailyLossLimit: 1500.5, maxOpenPositions: 3 } });
    expect(fromText(toText(off))).toEqual({ limits: off });
  });

  it('names each box that is not a number, and sends nothing', () => {
    expect(fromText({ ...toText(off), maxDrawdownPct: 'ten', maxTotalExposure: 'Infinity' })).toEqual({
      errors: { maxDrawdownPct: 'Enter a number, or leave it empty to turn this limit off', maxTotalExposure: 'Enter a number, or leave it empty to turn this limit off' },
    });
  });
});

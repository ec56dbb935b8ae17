import { describe, expect, it } from 'vitest';
import { BotSizingSchema, DEFAULT_SIZING } from './bot-sizing.ts';

const messages = (value: unknown) => {
  const parsed = BotSizingSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('bot sizing settings', () => {
  it('accepts each mode with its amount, and base with none', () => {
    for (const sizing of [DEFAULT_SIZING, { ...DEFAULT_SIZING, mode: 'quote', amount: 250 }, { ...DEFAULT_SIZING, mode: 'risk', amount: 0.5 }]) expect(messages(sizing)).toEqual([]);
  });

  it('says which field is wrong, in words a trader reads', () => {
    expect(messages({ ...DEFAULT_SIZING, mode: 'quote', amount: null })).toEqual(['amount: Amount per entry (quote currency) is required']);
    expect(messages({ ...DEFAULT_SIZING, mode: 'risk', amount: 150 })).toEqual(['amount: Risk per entry (percent of equity) must be at most 100%']);
    expect(messages({ ...DEFAULT_SIZING, mode: 'quote', amount: -5 })).toEqual(['amount: The amount must be greater than zero']);
    expect(messages({ ...DEFAULT_SIZING, maxEntries: 0, cooldown: 1.5, maxOpenPositions: 101 })).toEqual([
      'maxEntries: Max entries must be at least 1',
      'cooldown: Cooldown must be a whole number',
      'maxOpenPositions: Max open positions must be at most 100',
    ]);
  });

  it('refuses NaN, Infinity and unknown modes', () => {
    expect(messages({ ...DEFAULT_SIZING, mode: 'quote', amount: Number.NaN })).toEqual(['amount: The amount must be a number']);
    expect(messages({ ...DEFAULT_SIZING, mode: 'quote', amount: Number.POSITIVE_INFINITY })).toHaveLength(1);
    expect(messages({ ...DEFAULT_SIZING, mode: 'martingale' })).toEqual(['mode: Choose a sizing mode: fixed base, fixed quote, percent of equity or risk-based']);
  });
});

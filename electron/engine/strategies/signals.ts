import type { Intent } from './strategy.ts';

export const LONG: Intent = Object.freeze({ target: 'long' });
export const SHORT: Intent = Object.freeze({ target: 'short' });
export const FLAT: Intent = Object.freeze({ target: 'flat' });

/** True on the bar a series goes from at or below `level` to above it (never on its first value). */
export const crossedAbove = (previous: number | null, current: number, level: number): boolean => previous !== null && previous <= level && current > level;

/** True on the bar a series goes from at or above `level` to below it (never on its first value). */
export const crossedBelow = (previous: number | null, current: number, level: number): boolean => previous !== null && previous >= level && current < level;

/** A plot that shows whatever `read` returns now. */
export const plot = (name: string, pane: 'price' | 'below', read: () => number | null) => ({ name, pane, value: read });

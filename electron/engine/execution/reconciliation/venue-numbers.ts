import type { VenueBalance, VenueFill, VenueOrderSnapshot, VenuePosition } from '../../venues/venue.ts';

/**
 * The venue's numbers are checked before anything is booked from them: a NaN or an infinite
 * quantity would pass every comparison unnoticed (NaN > x is false) or be refused deep in SQLite
 * with words no trader can act on. The run fails with this message instead, and the account stays
 * blocked until the venue answers sensibly.
 */
export class UnusableVenueAnswer extends Error {
  constructor(what: string) {
    super(`the venue answered with numbers StoxRobot cannot book (${what}); the account stays blocked until it answers sensibly`);
    this.name = 'UnusableVenueAnswer';
  }
}

const positive = (n: number) => Number.isFinite(n) && n > 0 && n < 1e300;
/** Orders count quantities at 10 decimals (execution/order-events.ts): anything finer would vanish in the sum. */
const quantity = (n: number) => positive(n) && n >= 1e-10;
const finite = (n: number) => Number.isFinite(n) && Math.abs(n) < 1e300;

/** What makes a fill unbookable, in words, or null when it can be booked. */
export function fillProblem(fill: VenueFill): string | null {
  if (quantity(fill.qty) && positive(fill.px) && finite(fill.fee) && Number.isFinite(fill.ts)) return null;
  return `fill ${fill.fillId} of order ${fill.clientOrderId}: quantity ${fill.qty}, price ${fill.px}, fee ${fill.fee}`;
}

export function checkFill(fill: VenueFill): VenueFill {
  const problem = fillProblem(fill);
  if (problem) throw new UnusableVenueAnswer(problem);
  return fill;
}

export function checkSnapshot(snapshot: VenueOrderSnapshot): VenueOrderSnapshot {
  if (!quantity(snapshot.qty) || (snapshot.price !== null && !positive(snapshot.price))) {
    throw new UnusableVenueAnswer(`order ${snapshot.clientOrderId}: quantity ${snapshot.qty}, price ${snapshot.price}`);
  }
  snapshot.fills.forEach(checkFill);
  return snapshot;
}

export function checkHoldings(positions: readonly VenuePosition[], balances: readonly VenueBalance[]): void {
  for (const p of positions) if (!finite(p.qty)) throw new UnusableVenueAnswer(`${p.symbol} position of ${p.qty}`);
  for (const b of balances) if (!finite(b.total)) throw new UnusableVenueAnswer(`${b.currency} balance of ${b.total}`);
}

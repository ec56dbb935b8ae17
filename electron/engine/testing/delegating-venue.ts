import type { Venue } from '../venues/venue.ts';

/** A venue that forwards everything to `inner` except what `overrides` replaces (a test's hooks and faults). */
export function delegatingVenue(inner: Venue, overrides: Partial<Venue>): Venue {
  return {
    id: inner.id,
    inProcess: inner.inProcess,
    ...(inner.holdsStops ? { holdsStops: true } : {}),
    instruments: () => inner.instruments(),
    submit: (order) => inner.submit(order),
    cancel: (ref) => inner.cancel(ref),
    fetchOrder: (ref) => inner.fetchOrder(ref),
    openOrders: () => inner.openOrders(),
    fillsSince: (since, symbols) => inner.fillsSince(since, symbols),
    balances: () => inner.balances(),
    positions: () => inner.positions(),
    onEvent: (listener) => inner.onEvent(listener),
    close: () => inner.close(),
    ...overrides,
  };
}

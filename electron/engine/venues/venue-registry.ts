import type { Venue, VenueEvent } from './venue.ts';

type RegistryListener = (accountId: string, event: VenueEvent) => void;

/**
 * The venue of every account the engine trades on: the paper simulator and each exchange account,
 * one venue per account. An order names the account whose venue took it (the orders' `venue`
 * column), so its cancel, its reports and its reconciliation go back to the same place.
 */
export class VenueRegistry {
  readonly #venues = new Map<string, Venue>();
  readonly #listeners: RegistryListener[] = [];

  constructor(entries: Iterable<readonly [accountId: string, venue: Venue]> = []) {
    for (const [accountId, venue] of entries) this.add(accountId, venue);
  }

  add(accountId: string, venue: Venue): void {
    if (this.#venues.has(accountId)) throw new Error(`Account ${accountId} already has a venue`);
    this.#venues.set(accountId, venue);
    // Reports of a venue that was replaced still count: a fill that happened is booked wherever it comes from.
    venue.onEvent((event) => {
      for (const listener of this.#listeners) listener(accountId, event);
    });
  }

  /** Takes the account's venue out (the account was removed or its keys changed) and closes it. */
  async remove(accountId: string): Promise<void> {
    const venue = this.#venues.get(accountId);
    this.#venues.delete(accountId);
    await venue?.close();
  }

  get(accountId: string): Venue | undefined {
    return this.#venues.get(accountId);
  }

  accounts(): string[] {
    return [...this.#venues.keys()];
  }

  onEvent(listener: RegistryListener): void {
    this.#listeners.push(listener);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.accounts().map((accountId) => this.remove(accountId)));
  }
}

import type { Kysely } from 'kysely';
import type { MarketSource, MarketSourceStatus } from '../../../shared/contract/market.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Database } from '../persistence/database.ts';
import { paperHoldings } from './market-source-holdings.ts';
import { describeSource, readMarketSource, sameSource, writeMarketSource, writeMarketSpeed, type OpenedMarket } from './market-source.ts';
import { listEnabled } from './symbols/symbols.repository.ts';

export interface MarketSourceServiceDeps {
  db: Kysely<Database>;
  opened: OpenedMarket;
  paperAccount: string;
  /** The exchanges this run can follow (empty without public data: then any id is stored, and falls back at start). */
  exchanges: () => Promise<readonly string[]>;
  /** Told when the source, its feed or the speed changed (the UI refreshes). */
  onChange: () => void;
}

/** The market source as the trader sees and changes it: which one runs, the one stored for the next start, the speed. */
export class MarketSourceService {
  readonly #deps: MarketSourceServiceDeps;

  constructor(deps: MarketSourceServiceDeps) {
    this.#deps = deps;
  }

  /** Simulated candles per second; null while an exchange is followed live. */
  get candlesPerSecond(): number | null {
    return this.#deps.opened.simulated?.candlesPerSecond ?? null;
  }

  async status(): Promise<MarketSourceStatus> {
    const { opened } = this.#deps;
    const stored = await readMarketSource(this.#deps.db);
    return {
      active: opened.active,
      next: sameSource(stored, opened.active) ? null : stored,
      fallbackReason: opened.fallbackReason,
      symbols: opened.instruments.map((i) => i.symbol),
      feed: opened.live ? opened.live.feed.status : null,
      candlesPerSecond: this.candlesPerSecond,
    };
  }

  /**
   * Stores the source for the next start. Refused while the paper account holds orders or positions
   * (unless it goes back to the running source): their prices would jump from one market to another.
   */
  async setSource(source: MarketSource): Promise<Result<MarketSourceStatus>> {
    if (source.kind === 'exchange') {
      const known = await this.#deps.exchanges();
      if (known.length > 0 && !known.includes(source.exchangeId)) {
        const message = `The engine does not know an exchange named "${source.exchangeId}" (it knows ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})`;
        return fail('INVALID_INPUT', message, [{ path: ['exchangeId'], message }]);
      }
    }
    if (!sameSource(source, this.#deps.opened.active)) {
      const held = await paperHoldings(this.#deps.db, this.#deps.paperAccount);
      if (held) {
        return fail(
          'CONFLICT',
          `The market source stays ${describeSource(this.#deps.opened.active)} while the paper account holds ${held}: their prices would jump to ${describeSource(source)}. Cancel the orders and close the positions, then change the source.`,
        );
      }
    }
    await writeMarketSource(this.#deps.db, source);
    this.#deps.onChange();
    return ok(await this.status());
  }

  /** Stored first: a speed that cannot be remembered (a full disk) is not applied either. */
  async setSpeed(candlesPerSecond: number): Promise<Result<number>> {
    const { simulated, live } = this.#deps.opened;
    if (!simulated) return fail('CONFLICT', `The market follows ${live?.exchangeId ?? 'an exchange'} live; speed applies to the simulated market only`);
    await writeMarketSpeed(this.#deps.db, candlesPerSecond);
    simulated.setSpeed(candlesPerSecond);
    this.#deps.onChange();
    return ok(simulated.candlesPerSecond);
  }

  /**
   * Symbols enabled on the followed exchange start being followed (their bars are stored, so their
   * history is there when they become instruments at the next start). Disabled ones are still
   * followed until then: this run's instruments, positions and stops keep their prices.
   */
  async symbolsChanged(exchangeId: string): Promise<void> {
    const live = this.#deps.opened.live;
    if (!live || live.exchangeId !== exchangeId) return;
    const enabled = (await listEnabled(this.#deps.db, exchangeId)).map((s) => s.symbol);
    live.feed.setSymbols([...new Set([...live.startSymbols, ...enabled])]);
  }
}

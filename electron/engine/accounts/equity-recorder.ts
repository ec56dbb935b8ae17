import type { Insertable, Kysely } from 'kysely';
import type { AccountEquityTable, Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { AccountMarket } from './account-funds.ts';
import { type AccountRow, listAccounts } from './accounts.repository.ts';
import { readTotals } from './balances.repository.ts';
import { upsertEquity } from './equity.repository.ts';
import { currencyMarks, equityOf } from './valuation.ts';

const MARKET_MINUTE = 60_000;
const FLUSH_EVERY_MS = 1_000;

/** The last prices at the first tick of a market minute. */
interface Sample {
  ts: number;
  prices: Map<string, number>;
}

/**
 * Records every account's equity in market time: one row per market minute, plus one after each
 * fill. At 500 candles a second a row per bar would be a commit per bar, so minutes are sampled in
 * memory (prices only) and written in one transaction once a wall-clock second. A fill flushes the
 * samples first, inside its own transaction, so they are valued with the balances before it.
 */
export class EquityRecorder {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #market: AccountMarket;
  readonly #logger: Logger;
  #pending: Sample[] = [];
  #lastMinute = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;

  constructor(deps: { db: Kysely<Database>; marketClock: Clock; market: AccountMarket; logger: Logger }) {
    this.#db = deps.db;
    this.#clock = deps.marketClock;
    this.#market = deps.market;
    this.#logger = deps.logger;
  }

  /** On every market update: nothing but a comparison unless a new market minute has begun. */
  onMarketUpdate(): void {
    const minute = Math.floor(this.#clock.now() / MARKET_MINUTE) * MARKET_MINUTE;
    if (minute <= this.#lastMinute) return;
    this.#lastMinute = minute;
    this.#pending.push({ ts: minute, prices: this.#prices() });
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#flushing;
    await this.flush();
  }

  /** Writes the buffered minutes in one transaction; a failure is logged and those minutes are skipped. */
  async flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    if (this.#pending.length === 0) return;
    this.#flushing = this.#db
      .transaction()
      .execute((trx) => this.flushIn(trx))
      .catch((error: unknown) => this.#logger.error('Could not record equity', { error: String(error) }))
      .finally(() => {
        this.#flushing = null;
      });
    return this.#flushing;
  }

  /** Values the buffered minutes with the balances as they stand in `trx`, and writes them there. */
  async flushIn(trx: Kysely<Database>): Promise<void> {
    // Taken inside the transaction: a fill's transaction and this one never value the same samples.
    const samples = this.#pending.splice(0);
    if (samples.length === 0) return;
    const rows: Insertable<AccountEquityTable>[] = [];
    for (const account of await listAccounts(trx)) {
      const totals = await readTotals(trx, account.id, account.epoch);
      for (const sample of samples) {
        const equity = equityOf(totals, currencyMarks(account.currency, this.#market.instruments, (s) => sample.prices.get(s) ?? null));
        if (equity !== null) rows.push({ accountId: account.id, ts: sample.ts, epoch: account.epoch, equity });
      }
    }
    await upsertEquity(trx, rows);
  }

  /** One row for one account at `ts` (market time), from its balances (read in `trx` unless given) and the current prices. */
  async recordIn(trx: Kysely<Database>, account: AccountRow, ts: number, known?: ReadonlyMap<string, number>): Promise<void> {
    const totals = known ?? (await readTotals(trx, account.id, account.epoch));
    const equity = equityOf(totals, currencyMarks(account.currency, this.#market.instruments, this.#market.lastPrice));
    if (equity !== null) await upsertEquity(trx, [{ accountId: account.id, ts, epoch: account.epoch, equity }]);
  }

  #prices(): Map<string, number> {
    const prices = new Map<string, number>();
    for (const { symbol } of this.#market.instruments) {
      const px = this.#market.lastPrice(symbol);
      if (px !== null) prices.set(symbol, px);
    }
    return prices;
  }
}

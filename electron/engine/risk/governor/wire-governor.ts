import type { Kysely } from 'kysely';
import type { AccountMarket } from '../../accounts/account-funds.ts';
import type { MarketFeed } from '../../market/exchange-feed.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { EntryChecks } from '../entry-checks.ts';
import { Governor } from './governor.ts';
import { PriceFreshness } from './price-freshness.ts';

/** How often loss and drawdown limits are looked at between entries (wall time). */
const WATCH_EVERY_MS = 5_000;

/** Builds the governor, has it hear every price (for staleness), and registers its entry rule. */
export function wireGovernor(deps: { db: Kysely<Database>; market: MarketFeed; clock: Clock; accountMarket: AccountMarket; entryChecks: EntryChecks; logger: Logger; onLocked: (title: string, body: string) => void }): Governor {
  const freshness = new PriceFreshness(deps.clock);
  deps.market.subscribe((update) => freshness.note(update.symbol));
  const governor = new Governor({ db: deps.db, marketClock: deps.market.clock, clock: deps.clock, market: deps.accountMarket, freshness, logger: deps.logger, onLocked: deps.onLocked });
  deps.entryChecks.add('account risk limits', governor.check);
  governor.watch(WATCH_EVERY_MS);
  return governor;
}

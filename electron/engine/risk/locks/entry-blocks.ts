import type { EntryBlock } from '../../../../shared/contract/risk-locks.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';

/**
 * Why each bot could not enter now, for the bots list and detail: the emergency stop blocks them
 * all; otherwise a lock on the bot's account or symbol. Bots that can enter are left out.
 */
export async function entryBlocks(
  bots: readonly Pick<Bot, 'id' | 'account' | 'symbol'>[],
  emergencyRefusal: string | null,
  lockRefusal: (accountId: string, symbol: string) => Promise<string | null>,
): Promise<EntryBlock[]> {
  const blocks: EntryBlock[] = [];
  for (const bot of bots) {
    const reason = emergencyRefusal ?? (await lockRefusal(bot.account, bot.symbol));
    if (reason !== null) blocks.push({ botId: bot.id, reason });
  }
  return blocks;
}

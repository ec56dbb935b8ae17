/**
 * Every price the engine acts on comes from its one market (the simulated one, or one exchange's live
 * feed): an exchange account trades only when the market follows its own exchange, or its bots,
 * alerts and stops would act on another market's prices. `accountExchange` is undefined for the
 * paper account (it trades on whatever the market is); `marketExchange` is null for the simulated market.
 */
export function marketMismatch(accountId: string, accountExchange: string | undefined, marketExchange: string | null): string | null {
  if (accountExchange === undefined || accountExchange === marketExchange) return null;
  const follows = marketExchange ?? 'the simulated market';
  return `Account ${accountId} trades on ${accountExchange}, but prices come from ${follows}: its bots and alerts would act on other prices. Set the market source to ${accountExchange} on the Symbols page and restart.`;
}

import { createEngine, type Engine } from '../../index.ts';
import { type Logger, silentLogger } from '../../ports/logger.ts';
import { tempDir } from '../../testing/temp-dir.ts';

/**
 * A real engine with one running TradingView-signal bot, its passphrase and the listener's URL:
 * what every over-HTTP alert test starts from.
 */
export async function startSignalEngine(options: { symbol?: string; orderQty?: number; logger?: Logger } = {}): Promise<{ engine: Engine; botId: string; passphrase: string; url: string }> {
  const engine = await createEngine({ dataDir: tempDir(), logger: options.logger ?? silentLogger, startMarketTimer: false, webhook: { port: 0 } });
  const symbol = options.symbol ?? 'SOL/USDT';
  const created = await engine.services.bots.create({ name: 'TV', symbol, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 3 }, orderQty: options.orderQty ?? 0.1, account: 'paper' });
  if (!created.ok) throw new Error(created.error.message);
  const botId = created.value.id;
  await engine.services.bots.setStatus(botId, 'running');
  const rotated = await engine.services.webhooks.rotatePassphrase(botId);
  if (!rotated.ok) throw new Error(rotated.error.message);
  return { engine, botId, passphrase: rotated.value.passphrase, url: engine.services.webhooks.status().url ?? '' };
}

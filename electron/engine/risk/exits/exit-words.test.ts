import { describe, expect, it } from 'vitest';
import { protectionHit } from '../../notify/engine-sources.ts';
import { BOT, exitsHarness, noExits } from './testing/exits-harness.ts';

describe('what the trader is told when an exit acts', () => {
  it('a take-profit of the ladder says the share it closes, a stop-loss the whole position', async () => {
    const hits: string[] = [];
    const exits = { ...noExits, stopLoss: { unit: 'percent' as const, value: 2 }, takeProfits: [{ at: { unit: 'percent' as const, value: 2 }, percent: 50 }] };
    const h = await exitsHarness(exits, { onHit: (hit) => hits.push(hit) });
    await h.enter('BUY', 1);
    await h.tick(102);
    await h.tick(98);
    expect(hits.map((hit) => protectionHit(BOT, 'SOL/USDT', hit, hit.includes('stop') ? 98 : 102, 0).body)).toEqual([
      'Bot b1: take-profit 1 at 102 USDT reached at 102 USDT; closing 50 % of the position.',
      'Bot b1: stop-loss at 98 USDT reached at 98 USDT; closing the position.',
    ]);
  });
});

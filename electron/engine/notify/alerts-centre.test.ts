import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/open-database.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { AlertsCentreSink } from './alerts-centre.ts';
import type { NotifyEvent } from './notify-event.ts';
import { countUnread, listNotifications, markRead } from './notifications.repository.ts';

const event = (n: number, fields: Partial<NotifyEvent> = {}): NotifyEvent => ({ kind: 'order_filled', title: `Fill ${n}`, body: `BUY ${n} SOL`, ts: n, ...fields });

describe('the alerts centre', () => {
  it('keeps only the newest notifications, and marks them read by id or all at once', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'centre.sqlite'));
    try {
      const centre = new AlertsCentreSink(db, 5);
      const live: number[] = [];
      centre.onStored((n) => live.push(n.ts));
      await centre.deliver(Array.from({ length: 8 }, (_, i) => event(i + 1)));
      await centre.deliver([event(9), event(10)]);
      const kept = await listNotifications(db, {});
      expect(kept.map((n) => n.title)).toEqual(['Fill 10', 'Fill 9', 'Fill 8', 'Fill 7', 'Fill 6']);
      expect(live).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await markRead(db, { ids: [kept[0]?.id ?? 0, 999_999] });
      expect(await countUnread(db)).toBe(4);
      expect((await listNotifications(db, { unreadOnly: true })).map((n) => n.title)).toEqual(['Fill 9', 'Fill 8', 'Fill 7', 'Fill 6']);
      await markRead(db, { all: true });
      expect(await countUnread(db)).toBe(0);
    } finally {
      await close();
    }
  });

  it('cuts a title or body longer than the table takes instead of losing the notification', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'centre.sqlite'));
    try {
      await new AlertsCentreSink(db).deliver([event(1, { title: 'T'.repeat(5_000), body: 'B'.repeat(50_000) })]);
      const [stored] = await listNotifications(db, {});
      expect([stored?.title.length, stored?.body.length]).toEqual([200, 4_000]);
    } finally {
      await close();
    }
  });
});

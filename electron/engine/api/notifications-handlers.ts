import { implement } from '@orpc/server';
import { notificationsContract } from '../../../shared/contract/notifications.ts';
import type { EngineServices } from '../services.ts';
import { coalescingStream } from './coalescing-stream.ts';
import { unwrap } from './errors.ts';

const os = implement(notificationsContract).$context<{ engine: EngineServices }>();

/** The alerts centre (the bell) and the notification settings; the bot token is written, never read back. */
export const notificationsRouter = os.router({
  list: os.list.handler(({ input, context: { engine } }) => engine.notifications.list(input ?? {})),
  markRead: os.markRead.handler(({ input, context: { engine } }) => engine.notifications.markRead(input)),
  settings: os.settings.handler(({ context: { engine } }) => engine.notifications.settings()),
  configure: os.configure.handler(async ({ input, context: { engine } }) => unwrap(await engine.notifications.configure(input))),
  // The newest notification only: a burst reaches the bell as one wake-up, and the bell re-reads the list.
  stream: os.stream.handler(({ context: { engine }, signal }) => coalescingStream((push) => engine.notifications.onStored(push), () => 'newest', signal)),
});

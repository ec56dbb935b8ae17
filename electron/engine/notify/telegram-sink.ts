import type { NotifyEvent } from './notify-event.ts';
import type { NotifySink } from './sink-queue.ts';

export const TELEGRAM_API = 'https://api.telegram.org';
/** Telegram allows about one message a second per chat; a burst waits and is joined into one message. */
const MIN_SPACING_MS = 1_100;
/** Telegram's limit is 4,096 characters per message. */
const MAX_TEXT = 4_000;

export interface TelegramTarget {
  token: string;
  chatId: string;
}

export interface TelegramSinkDeps {
  /** The token and chat to send to now, or null while Telegram is off or not set up. */
  target: () => Promise<TelegramTarget | null>;
  wants: (event: NotifyEvent) => boolean;
  baseUrl?: string;
  spacingMs?: number;
  /** Waits between messages; tests count them instead of timing them. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Sends notifications to a Telegram chat through the Bot API's sendMessage. */
export class TelegramSink implements NotifySink {
  readonly name = 'telegram';
  readonly #deps: TelegramSinkDeps;
  #lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(deps: TelegramSinkDeps) {
    this.#deps = deps;
  }

  wants(event: NotifyEvent): boolean {
    return this.#deps.wants(event);
  }

  async deliver(batch: readonly NotifyEvent[], signal: AbortSignal): Promise<void> {
    const target = await this.#deps.target();
    if (!target) return;
    const spacing = this.#deps.spacingMs ?? MIN_SPACING_MS;
    const wait = this.#lastSentAt + spacing - performance.now();
    if (wait > 0) await (this.#deps.sleep ?? sleep)(wait, signal);
    this.#lastSentAt = performance.now();
    const text = messageText(batch);
    const retryAfterMs = await send(this.#deps.baseUrl ?? TELEGRAM_API, target, text, signal);
    if (retryAfterMs === null) return;
    // Telegram said "too many requests, retry after N s": wait that long (the queue's timeout still bounds it), then once more.
    await (this.#deps.sleep ?? sleep)(retryAfterMs, signal);
    this.#lastSentAt = performance.now();
    if ((await send(this.#deps.baseUrl ?? TELEGRAM_API, target, text, signal)) !== null) throw new Error('Telegram is still limiting messages; this one was dropped');
  }
}

/** One message for a batch: events that came in a burst are listed together, oldest first. */
export function messageText(batch: readonly NotifyEvent[]): string {
  const text = batch.map((event) => `${event.title}\n${event.body}`).join('\n\n');
  if (text.length <= MAX_TEXT) return text;
  // Cut between characters, not inside one (an emoji is two code units): half of one is text Telegram refuses.
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_TEXT - 41)) ? MAX_TEXT - 41 : MAX_TEXT - 40;
  return `${text.slice(0, cut)}\n… (shortened; see the alerts centre)`;
}

/** Sends one message; answers the pause Telegram asks for when it limits the rate (HTTP 429), else null. */
async function send(baseUrl: string, target: TelegramTarget, text: string, signal: AbortSignal): Promise<number | null> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/bot${target.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: target.chatId, text, disable_web_page_preview: true }),
      signal,
    });
  } catch {
    // fetch's own error may carry the URL, and the URL carries the token: say what happened in our words.
    throw new Error(signal.aborted ? 'Telegram did not answer in time' : 'Telegram could not be reached');
  }
  if (response.ok) {
    await response.body?.cancel();
    return null;
  }
  const { description, retryAfter } = await telegramError(response);
  if (response.status === 429 && retryAfter !== null) return retryAfter * 1_000;
  throw new Error(`Telegram refused the message (HTTP ${response.status}${description ? `: ${description.replaceAll(target.token, '[token]')}` : ''})`);
}

/** Telegram's own words for a refusal, and the pause it asks for; a pause over a minute is not waited for. */
async function telegramError(response: Response): Promise<{ description: string | null; retryAfter: number | null }> {
  try {
    const body = (await response.json()) as { description?: unknown; parameters?: { retry_after?: unknown } };
    const retryAfter = body.parameters?.retry_after;
    return {
      description: typeof body.description === 'string' ? body.description.slice(0, 200) : null,
      retryAfter: typeof retryAfter === 'number' && retryAfter > 0 && retryAfter <= 60 ? retryAfter : null,
    };
  } catch {
    return { description: null, retryAfter: null };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

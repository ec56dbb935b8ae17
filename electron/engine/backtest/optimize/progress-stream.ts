/**
 * Turns a job that reports progress by callback into an async stream: the latest progress since
 * the consumer last read (older ones are dropped: a slow client never queues thousands), then the
 * job's final event. Closing the stream aborts the job through the signal it was given.
 */
export async function* progressStream<P, D>(start: (onProgress: (progress: P) => void, signal: AbortSignal) => Promise<D>, outer?: AbortSignal): AsyncGenerator<P | D, void, unknown> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  outer?.addEventListener('abort', abort, { once: true });
  let latest: P | null = null;
  let wake: (() => void) | null = null;
  let final: { value: D } | null = null;
  let failure: { error: unknown } | null = null;
  const job = start(
    (progress) => {
      latest = progress;
      wake?.();
    },
    controller.signal,
  ).then(
    (value) => {
      final = { value };
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      wake?.();
    },
  );
  try {
    while (true) {
      if (latest === null && final === null && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (latest !== null) {
        const progress: P = latest;
        latest = null;
        yield progress;
      } else if (failure !== null) {
        throw (failure as { error: unknown }).error;
      } else if (final !== null) {
        yield (final as { value: D }).value;
        return;
      }
    }
  } finally {
    outer?.removeEventListener('abort', abort);
    controller.abort();
    await job;
  }
}

import type { Logger } from '../observability/logger.js';

/** A background job a service runs until it stops. */
export interface BackgroundJob {
  /** Stops the timer and waits for the run in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, one run at a time (a slow run delays the next rather than overlapping
 * it); a run that throws is logged as `failed` and the next one goes ahead. The timer never keeps the
 * process alive.
 */
export function periodicJob(
  log: Logger,
  failed: string,
  intervalMs: number,
  task: () => Promise<void>,
): BackgroundJob {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(task).catch((error: unknown) => log.error(failed, { error }));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import type { EmbeddedDatabase } from '@xingfu/domain';
import { say, step } from './progress.js';

/** How often the embedded PostgreSQL's postmaster is looked for. */
export const WATCH_INTERVAL_MS = 1_000;
/** Attempts to start it again after it stopped, 1, 2, 3 … seconds apart. */
export const RESTART_ATTEMPTS = 3;
/** Restarts allowed within RESTART_WINDOW_MS before xingfu stops instead of restarting again. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 10 * 60_000;

export interface DatabaseWatchdog {
  /** Stops watching, after a restart under way has ended. */
  stop(): Promise<void>;
}

export interface DatabaseWatchdogOptions {
  /** Called once, with one sentence, when the database cannot be started again: the command stops. */
  onGiveUp: (sentence: string) => void;
  intervalMs?: number;
  attempts?: number;
}

/**
 * Watches the embedded PostgreSQL this process started (`pnpm start`): when its postmaster is
 * gone — killed, crashed, stopped by hand — it is started again (RESTART_ATTEMPTS attempts), and
 * the API, which answers 503 SERVICE_UNAVAILABLE meanwhile, recovers by itself. When it does not
 * start, or stops more than MAX_RESTARTS times in ten minutes, `onGiveUp` gets one sentence saying
 * why, and the command stops rather than serve without a database.
 */
export function watchEmbeddedDatabase(database: EmbeddedDatabase, options: DatabaseWatchdogOptions): DatabaseWatchdog {
  const attempts = options.attempts ?? RESTART_ATTEMPTS;
  const restarts: number[] = [];
  let stopped = false;
  let inFlight: Promise<void> | undefined;

  const restart = async (): Promise<void> => {
    const now = Date.now();
    while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      return giveUp(
        `The embedded PostgreSQL stopped ${restarts.length + 1} times within ${RESTART_WINDOW_MS / 60_000} minutes, so xingfu stops instead of restarting it again: find out what stops it (memory, disk space, another program), then run \`pnpm start\` again.`,
      );
    }
    say(`The embedded PostgreSQL stopped unexpectedly: starting it again (the API answers 503 until it is back).`);
    let reason = '';
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      try {
        await step(`Restarting the embedded PostgreSQL (attempt ${attempt} of ${attempts})`, () => database.start());
        restarts.push(Date.now());
        return;
      } catch (error) {
        reason = describe(error);
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
      }
    }
    if (stopped) return;
    giveUp(
      `The embedded PostgreSQL stopped and could not be started again after ${attempts} attempts (${reason}), so xingfu stops: fix that, then run \`pnpm start\` again.`,
    );
  };

  const giveUp = (sentence: string): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    options.onGiveUp(sentence);
  };

  const timer = setInterval(() => {
    if (stopped || inFlight) return;
    inFlight = (async () => {
      if (!(await database.isRunning())) await restart();
    })()
      .catch((error: unknown) =>
        giveUp(`Watching the embedded PostgreSQL failed (${describe(error)}), so xingfu stops: run \`pnpm start\` again.`),
      )
      .finally(() => {
        inFlight = undefined;
      });
  }, options.intervalMs ?? WATCH_INTERVAL_MS);
  timer.unref();

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** An error's message, one line without its final period; PostgreSQL exiting while it starts gives no error. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const line = message.split('\n')[0]?.trim().replace(/\.$/, '') ?? '';
  return line || 'PostgreSQL exited while starting';
}

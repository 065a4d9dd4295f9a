import type { Logger } from '../logging/logger.js';
import { redactError, type RedactedError } from '../logging/redact.js';

/** Seconds a client is told to wait (Retry-After) when the database cannot be reached. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/** How often a database in an outage is asked whether it answers again. */
export const OUTAGE_PROBE_MS = 2_000;
/** How often an outage that lasts is logged again (one line, with the count of refused requests). */
export const OUTAGE_REMINDER_MS = 60_000;

export interface DatabaseOutageOptions {
  logger: Logger;
  /** Resolves when the database answers (`select 1`), rejects while it does not. */
  probe: () => Promise<unknown>;
  probeMs?: number;
  reminderMs?: number;
}

/**
 * A database outage, logged once (docs/security.md, "Errors and logs"). The first request that
 * cannot reach the database logs one warning with the cause (no stack); the requests after it are
 * counted, not logged; while it lasts, one line a minute says how many were refused; a probe every
 * two seconds notices the database answering again and logs the recovery with the count.
 */
export class DatabaseOutage {
  private since: number | undefined;
  private refused = 0;
  private refusedSinceReminder = 0;
  private lastReminder = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private probing = false;
  private stopped = false;

  constructor(private readonly options: DatabaseOutageOptions) {}

  /** True while an outage is noted and the database has not answered since. */
  get active(): boolean {
    return this.since !== undefined;
  }

  /** Notes a request refused because the database cannot be reached. */
  noteUnavailable(error: unknown): void {
    this.refused++;
    this.refusedSinceReminder++;
    const now = Date.now();
    if (this.since === undefined) {
      this.since = now;
      this.lastReminder = now;
      this.refusedSinceReminder = 0;
      this.options.logger.warn(
        { cause: withoutStack(redactError(error)), retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
        'the database cannot be reached: requests are answered 503 SERVICE_UNAVAILABLE until it answers again (logged once per outage)',
      );
      this.startProbing();
    } else if (now - this.lastReminder >= (this.options.reminderMs ?? OUTAGE_REMINDER_MS)) {
      this.options.logger.warn(
        { refused: this.refusedSinceReminder, outageSeconds: Math.round((now - this.since) / 1000) },
        'the database still cannot be reached',
      );
      this.lastReminder = now;
      this.refusedSinceReminder = 0;
    }
  }

  /** Stops probing (when the server stops). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private startProbing(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.probeOnce(), this.options.probeMs ?? OUTAGE_PROBE_MS);
    this.timer.unref();
  }

  private async probeOnce(): Promise<void> {
    if (this.probing || this.since === undefined) return;
    this.probing = true;
    const probeMs = this.options.probeMs ?? OUTAGE_PROBE_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // a database that accepts connections and never answers must not hold the probe forever
      await Promise.race([
        this.options.probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('probe timed out')), probeMs * 2);
        }),
      ]);
    } catch {
      return;
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
    if (this.since === undefined) return;
    this.options.logger.warn(
      { refused: this.refused, outageSeconds: Math.round((Date.now() - this.since) / 1000) },
      'the database answers again',
    );
    this.since = undefined;
    this.refused = 0;
    this.refusedSinceReminder = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** A cause for the outage's one log line: what failed, not where in the driver (no stack). */
function withoutStack(error: RedactedError | string): RedactedError | string {
  if (typeof error === 'string') return error;
  const rest: RedactedError = { ...error };
  delete rest.stack;
  return rest;
}

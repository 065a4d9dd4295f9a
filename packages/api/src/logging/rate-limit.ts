/** How many log lines of one kind are written per window before the rest are only counted. */
export const LOG_LINES_PER_KIND = 10;
/** The window of LOG_LINES_PER_KIND. */
export const LOG_WINDOW_MS = 60_000;
/** Kinds tracked at once; beyond them, every new kind counts as `other`. */
const MAX_KINDS = 500;

interface Window {
  started: number;
  logged: number;
  suppressed: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface LogRateLimiterOptions {
  perWindow?: number;
  windowMs?: number;
  /** Called once at the end of a window in which lines of `kind` were held back. */
  onSummary: (kind: string, suppressed: number, windowMs: number) => void;
  now?: () => number;
}

/**
 * At most `perWindow` log lines per kind of error per window; the lines beyond are counted, and
 * the count is reported once when the window ends (`onSummary`), so a storm of one failure writes
 * a few lines a minute instead of one per request.
 */
export class LogRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LogRateLimiterOptions) {
    this.perWindow = options.perWindow ?? LOG_LINES_PER_KIND;
    this.windowMs = options.windowMs ?? LOG_WINDOW_MS;
    this.now = options.now ?? Date.now;
  }

  /** True when a line of this kind may be written now; false when it is only counted. */
  allow(kind: string): boolean {
    const now = this.now();
    const key = this.windows.has(kind) || this.windows.size < MAX_KINDS ? kind : 'other';
    let window = this.windows.get(key);
    if (window && now - window.started >= this.windowMs) {
      this.flush(key, window);
      window = undefined;
    }
    if (!window) {
      window = { started: now, logged: 0, suppressed: 0, timer: undefined };
      this.windows.set(key, window);
    }
    if (window.logged < this.perWindow) {
      window.logged++;
      return true;
    }
    window.suppressed++;
    if (!window.timer) {
      const held = window;
      held.timer = setTimeout(() => this.flush(key, held), Math.max(0, held.started + this.windowMs - now));
      held.timer.unref();
    }
    return false;
  }

  /** Reports what is held back and forgets every window (when the server stops). */
  close(): void {
    for (const [kind, window] of [...this.windows]) this.flush(kind, window);
  }

  private flush(kind: string, window: Window): void {
    if (window.timer) clearTimeout(window.timer);
    window.timer = undefined;
    if (this.windows.get(kind) === window) this.windows.delete(kind);
    if (window.suppressed > 0) this.options.onSummary(kind, window.suppressed, this.windowMs);
    window.suppressed = 0;
  }
}

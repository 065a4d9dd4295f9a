import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr (stdout stays for command output). */
export function createLogger(level: string, name = 'xingfu'): Logger {
  return pino({ name, level }, pino.destination(2));
}

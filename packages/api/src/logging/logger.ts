import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLogObject, redactMessage } from './redact.js';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout stays for command output), or on `destination` (tests
 * capture them). Nothing personal is written (docs/security.md, "Errors and logs"): every logged
 * object passes through `redactLogObject` (errors keep their type, redacted message, stack frames
 * and SQLSTATE fields — never a database error's detail, failing row or parameters) and every
 * message through `redactMessage` (ID numbers, phone numbers, Han text and quoted values replaced).
 */
export function createLogger(level: string, name = 'xingfu', destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      name,
      level,
      formatters: { log: (object) => redactLogObject(object) as Record<string, unknown> },
      serializers: {
        // errors are redacted by the log formatter already: pino's own error serializer would retype them
        err: (error: unknown) => error,
        msg: (message: unknown) => (typeof message === 'string' ? redactMessage(message) : message),
      },
    },
    destination,
  );
}

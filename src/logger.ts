import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * The process's structured logger: one JSON object a line on stderr (stdout stays free for the CLI's own output).
 * Credentials never reach it: nothing logs headers, and these paths are censored should anyone try.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino(
    {
      level,
      base: { service: 'kg-graphql' },
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', 'apiKey', 'token', 'password'],
        censor: '[redacted]',
      },
    },
    // Synchronous: one line per request is cheap, and no line is lost when the process exits or crashes.
    pino.destination({ dest: 2, sync: true }),
  );
}

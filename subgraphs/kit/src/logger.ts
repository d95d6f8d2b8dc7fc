import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured logs on stdout; `LOG_LEVEL` (default `info`, `silent` in tests) sets how much. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info' });
}

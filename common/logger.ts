import pino from 'pino';

/** JSON logs; LOG_LEVEL picks the level, `silent` in tests unless asked otherwise. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info')) {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type Logger = ReturnType<typeof createLogger>;

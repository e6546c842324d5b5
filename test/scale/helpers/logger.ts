import pino from 'pino';

/** Tests read outcomes, not logs; set TEST_LOG_LEVEL=debug to see them. */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

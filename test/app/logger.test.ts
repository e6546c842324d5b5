import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';

/** A logger at trace level whose lines the test reads back as objects. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('trace', sink);
  return { logger, text: () => lines.join('\n'), records: () => lines.map((l) => JSON.parse(l)) };
}

const TOKEN = 'tQ3m9Vx0_secret-token-value-AAAAAAAAAAAAAAAAAAA';
const INVITE = 'iNv1te_c0de-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

describe('logger redaction', () => {
  it('keeps close codes, database error codes and API error codes', () => {
    const { logger, records } = capture();
    logger.info({ code: 4429, reason: 'rate' }, 'closed a connection');
    const dbError = Object.assign(new Error('duplicate key value'), { code: '23505' });
    logger.error({ err: dbError }, 'append failed');
    logger.debug({ status: 404, code: 'not_found' }, 'api request refused');
    logger.info({ close: { code: 1013, reason: 'try again' } }, 'nested');
    const [close, db, api, nested] = records();
    expect(close.code).toBe(4429);
    expect(db.err.code).toBe('23505');
    expect(db.err.message).toBe('duplicate key value');
    expect(api.code).toBe('not_found');
    expect(nested.close.code).toBe(1013);
  });

  it('hides tokens, invite codes, authorization headers, cookies and passwords, wherever they sit', () => {
    const { logger, text, records } = capture();
    logger.info({ token: TOKEN, inviteCode: INVITE }, 'fields');
    logger.info(
      {
        req: {
          headers: { authorization: `Bearer ${TOKEN}`, cookie: `sid=${TOKEN}` },
          query: { token: TOKEN },
        },
      },
      'request',
    );
    logger.info({ url: `/sync/p1/shotlist?board=x&token=${TOKEN}` }, 'upgrade');
    logger.info({ path: `/join/${INVITE}` }, 'static');
    logger.info({ databaseUrl: 'postgres://setboard:hunter2pw@db.local:5432/prod' }, 'connecting');
    logger.error({ err: new Error(`redis://:s3cretpass@cache:6379 refused ?token=${TOKEN}`) }, 'failed');
    logger.info(`opened /sync/p1/moodboard?token=${TOKEN}`);
    logger.info({ headers: { 'set-cookie': `sid=${TOKEN}` } }, 'response');
    for (const secret of [TOKEN, INVITE, 'hunter2pw', 's3cretpass']) expect(text()).not.toContain(secret);
    const all = records();
    expect(all[0]).toMatchObject({ token: '[redacted]', inviteCode: '[redacted]' });
    expect(all[1].req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]' });
    // What is not secret stays readable.
    expect(all[2].url).toBe('/sync/p1/shotlist?board=x&token=[redacted]');
    expect(all[3].path).toBe('/join/[redacted]');
    expect(all[4].databaseUrl).toBe('postgres://setboard:[redacted]@db.local:5432/prod');
    expect(all[5].err.message).toContain('redis://:[redacted]@cache:6379');
    expect(all[6].msg).toBe('opened /sync/p1/moodboard?token=[redacted]');
  });
});

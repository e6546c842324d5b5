import { describe, expect, it } from 'vitest';
import type { Directory } from '../../server/directory/directory';
import { authenticateHandshake, handshakeToken } from '../../server/setchannel/handshake';

describe('handshake', () => {
  it('[S1] takes the token from auth first, then from the Authorization header, never from the query', () => {
    expect(handshakeToken({ auth: { token: 'a' }, headers: { authorization: 'Bearer b' } })).toBe('a');
    expect(handshakeToken({ auth: {}, headers: { authorization: 'Bearer b' } })).toBe('b');
    expect(handshakeToken({ auth: { token: 42 }, headers: {} })).toBeNull();
  });

  it('[S1] refuses when the directory does not answer within the timeout, or fails', async () => {
    const hanging = { authenticate: () => new Promise(() => {}) } as unknown as Directory;
    await expect(authenticateHandshake(hanging, 't', 20)).rejects.toMatchObject({
      reason: 'timeout',
      message: expect.stringMatching(/longer than 20 ms/),
    });
    const failing = { authenticate: () => Promise.reject(new Error('SQLITE_BUSY')) } as unknown as Directory;
    await expect(authenticateHandshake(failing, 't', 1_000)).rejects.toMatchObject({ reason: 'error' });
  });
});

/**
 * Tokens and invite codes: 256 random bits, base64url, shown to the user once and stored only as SHA-256 hex.
 * A lookup is by hash in an index, so there is no byte-by-byte comparison of secrets to time: a
 * constant-time compare would protect nothing here. SHA-256 without a salt is enough because the input
 * already carries 256 bits of entropy; slow hashes exist for guessable passwords, which these are not.
 */
import { createHash, randomBytes } from 'node:crypto';

const SECRET_BYTES = 32;
const ID_BYTES = 16;

export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Ids of productions and members: 128 random bits, base64url, safe in URLs and document names. */
export function newId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

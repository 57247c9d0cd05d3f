import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// The package declares its algorithms as a const enum, which isolatedModules cannot
// read from a declaration file: 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;

/** An argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with the library's OWASP-level defaults. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/**
 * Checked against a fixed hash when the account does not exist, so an unknown
 * username costs as long as a wrong password and cannot be told apart by timing.
 */
let unknownAccountHash: Promise<string> | undefined;

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await (unknownAccountHash ??= hashPassword(randomBytes(16).toString('hex'))));
  try {
    return (await verify(target, password)) && storedHash !== null;
  } catch {
    // A malformed stored hash never lets anyone in.
    return false;
  }
}

/** A password for a newly created account: 24 URL-safe characters, 144 bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

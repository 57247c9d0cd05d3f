import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The provider's secrets: the token-signing key (private JWK) and the keys that sign its cookies. */
export interface ProviderKeys {
  signing: JsonWebKey[];
  cookies: string[];
}

function generateKeys(): ProviderKeys {
  // RS256 is what every OpenID Connect client accepts by default for ID tokens, and
  // the gateway's JWKS verifier accepts it for access tokens.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('base64url'), alg: 'RS256', use: 'sig' };
  return { signing: [jwk], cookies: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')] };
}

function isProviderKeys(value: unknown): value is ProviderKeys {
  const keys = value as ProviderKeys;
  return Array.isArray(keys?.signing) && keys.signing.length > 0 && Array.isArray(keys.cookies) && keys.cookies.length > 0;
}

/**
 * Reads the keys from `file`, generating them at the first start. The file is
 * created only if absent and readable by its owner only: a replica starting at
 * the same moment reads the keys the first one wrote instead of replacing them,
 * and tokens already issued stay valid across restarts.
 */
export function loadOrCreateProviderKeys(file: string): ProviderKeys {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place, which fails if the file exists:
  // a replica starting at the same moment never reads a half-written file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, JSON.stringify(generateKeys(), null, 2), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const keys: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isProviderKeys(keys)) throw new Error(`${file} does not hold the identity provider's keys ({ signing: [JWK], cookies: [string] })`);
  return keys;
}

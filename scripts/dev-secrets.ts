/**
 * The two secrets of a local system — AUTH_SECRET (user tokens, HS256) and
 * CONTEXT_SECRET (gateway → subgraph signatures). Taken from the environment
 * when set; on a developer's machine otherwise generated once and kept in
 * `DATA_DIR/dev-secrets.json` (mode 0600), so tokens keep working across
 * restarts and `npm run token` can sign for the running system. Production
 * never generates them.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, isProduction, readSecret, type Env } from '../common/config';

export interface Secrets {
  authSecret: string;
  contextSecret: string;
}

export const SECRETS_FILE = 'dev-secrets.json';

export function secretsFile(dataDir: string): string {
  return join(dataDir, SECRETS_FILE);
}

/** The generated secrets of a data folder, or null when `npm start` has not created them yet. */
export function readDevSecrets(dataDir: string): Secrets | null {
  const file = secretsFile(dataDir);
  if (!existsSync(file)) return null;
  let parsed: Partial<Secrets>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  } catch {
    throw new Error(`${file} is not valid JSON: delete it to generate new secrets (tokens issued with the old ones stop working)`);
  }
  if (typeof parsed.authSecret !== 'string' || typeof parsed.contextSecret !== 'string' || !parsed.authSecret || !parsed.contextSecret) {
    throw new Error(`${file} lacks authSecret or contextSecret: delete it to generate new secrets`);
  }
  return { authSecret: parsed.authSecret, contextSecret: parsed.contextSecret };
}

function generate(): Secrets {
  return { authSecret: randomBytes(32).toString('hex'), contextSecret: randomBytes(32).toString('hex') };
}

/** Reads the data folder's secrets, creating the folder (0700) and the file (0600) on the first run. */
function devSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const existing = readDevSecrets(dataDir);
  const file = secretsFile(dataDir);
  if (existing) {
    // Someone loosened the file's permissions: only the owner may read the keys.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return existing;
  }
  const secrets = generate();
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it a moment ago: use its secrets.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readDevSecrets(dataDir)!;
    throw error;
  }
  chmodSync(file, 0o600);
  return secrets;
}

/**
 * AUTH_SECRET and CONTEXT_SECRET for `npm start`: each from the environment when
 * set (never written to disk), otherwise from the data folder's generated file.
 * With NODE_ENV=production a missing variable is a configuration error naming it.
 */
export function loadOrCreateSecrets(dataDir: string, env: Env): Secrets {
  const fromEnv = {
    authSecret: readSecret(env, 'AUTH_SECRET', { required: false }),
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: false }),
  };
  if (fromEnv.authSecret && fromEnv.contextSecret) return { authSecret: fromEnv.authSecret, contextSecret: fromEnv.contextSecret };
  if (isProduction(env)) {
    const missing = [fromEnv.authSecret ? undefined : 'AUTH_SECRET', fromEnv.contextSecret ? undefined : 'CONTEXT_SECRET'].filter(Boolean).join(', ');
    throw new ConfigError(
      missing,
      'is required when NODE_ENV=production: secrets are never generated in production (set a random string of at least 32 characters)',
    );
  }
  const stored = devSecrets(dataDir);
  return { authSecret: fromEnv.authSecret ?? stored.authSecret, contextSecret: fromEnv.contextSecret ?? stored.contextSecret };
}

/** The key `npm run token` signs with: AUTH_SECRET, or the one `npm start` generated in DATA_DIR. */
export function findAuthSecret(env: Env, dataDir: string): { secret: string; source: string } | null {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, source: 'AUTH_SECRET' };
  const stored = readDevSecrets(dataDir);
  return stored ? { secret: stored.authSecret, source: secretsFile(dataDir) } : null;
}

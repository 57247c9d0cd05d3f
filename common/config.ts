import { isAbsolute, resolve } from 'node:path';
import { DIVISION_CODE } from './divisions';
import { LOOPBACK_NETWORKS, parseCidr } from './ops-networks';

/** A configuration problem; the process stops at start with this message, which names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

export type Env = Record<string, string | undefined>;

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

export function readPort(env: Env, fallback: number, name = 'PORT'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(name, `must be a port number 0–65535, got "${raw}"`);
  return port;
}

/** Secrets must be long enough to resist guessing; production asks for at least 32 characters. */
export function readSecret(env: Env, name: string, options: { required: boolean }): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') {
    if (options.required) throw new ConfigError(name, 'is required (a random string of at least 32 characters)');
    return undefined;
  }
  const minimum = isProduction(env) ? 32 : 16;
  if (value.length < minimum) throw new ConfigError(name, `is too short: at least ${minimum} characters`);
  return value;
}

export function readDataDir(env: Env): string {
  const dir = env.DATA_DIR || './data';
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}

export function readDatabaseUrl(env: Env): string | undefined {
  const url = env.DATABASE_URL;
  if (url === undefined || url === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  return url;
}

export function readDivisionCode(env: Env, name = 'DIVISION'): string {
  const code = env[name];
  if (!code) throw new ConfigError(name, 'is required: the code of the division this instance serves, e.g. ZA');
  if (!DIVISION_CODE.test(code)) throw new ConfigError(name, `"${code}" is not a division code (2–8 capital letters or digits, starting with a letter)`);
  return code;
}

export interface DivisionEndpoint {
  code: string;
  url: string;
}

/** `DIVISIONS="ZA=http://127.0.0.1:4101/graphql,WA=…"`, kept in the order given. */
export function parseDivisions(raw: string | undefined, name = 'DIVISIONS'): DivisionEndpoint[] {
  if (!raw) throw new ConfigError(name, 'is required, e.g. ZA=http://127.0.0.1:4101/graphql,WA=http://127.0.0.1:4102/graphql');
  const endpoints: DivisionEndpoint[] = [];
  for (const part of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const code = at > 0 ? part.slice(0, at).trim() : '';
    const url = at > 0 ? part.slice(at + 1).trim() : '';
    if (!DIVISION_CODE.test(code)) throw new ConfigError(name, `"${part}" does not start with a division code and "="`);
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new ConfigError(name, `the URL for ${code} ("${url}") is not an http(s) URL`);
    }
    if (endpoints.some((endpoint) => endpoint.code === code)) throw new ConfigError(name, `${code} is listed twice`);
    endpoints.push({ code, url });
  }
  if (endpoints.length === 0) throw new ConfigError(name, 'lists no division');
  return endpoints;
}

export function readUrl(env: Env, name: string, options: { required: boolean }): string | undefined {
  const value = env[name];
  if (!value) {
    if (options.required) throw new ConfigError(name, 'is required');
    return undefined;
  }
  try {
    new URL(value);
  } catch {
    throw new ConfigError(name, `"${value}" is not a URL`);
  }
  return value;
}

/**
 * `OPS_NETWORKS=10.20.0.0/16,192.168.1.7`: where /metrics and the detail of
 * /ready may be read from without a token. Unset: this machine only outside
 * production, nowhere in production; `none`: nowhere.
 */
export function readOpsNetworks(env: Env): string[] {
  const raw = env.OPS_NETWORKS;
  if (raw === undefined || raw.trim() === '') return isProduction(env) ? [] : [...LOOPBACK_NETWORKS];
  if (raw.trim() === 'none') return [];
  const cidrs = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const cidr of cidrs) {
    if (!parseCidr(cidr)) throw new ConfigError('OPS_NETWORKS', `"${cidr}" is not an IPv4 or IPv6 address or CIDR block (e.g. 10.20.0.0/16)`);
  }
  return cidrs;
}

import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DIVISION_CODE } from './divisions';

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

/**
 * `DIVISIONS` as given, or read from a file when it is `@/path/to/file`: the
 * same `CODE=url` entries, separated by commas or new lines, `#` starting a
 * comment. A running process cannot see a changed environment variable, so
 * the file form is what the gateway and the joint subgraph re-read on SIGHUP.
 */
export interface DivisionsSetting {
  endpoints: DivisionEndpoint[];
  /** Set when the list comes from a file. */
  file?: string;
}

export function readDivisionsSetting(raw: string | undefined, name = 'DIVISIONS'): DivisionsSetting {
  if (!raw?.startsWith('@')) return { endpoints: parseDivisions(raw, name) };
  const file = raw.slice(1).trim();
  if (!file) throw new ConfigError(name, '"@" must be followed by the path of a file listing the divisions');
  return { endpoints: readDivisionsFile(file, name), file };
}

/** The divisions listed in a `DIVISIONS=@file` file. */
export function readDivisionsFile(file: string, name = 'DIVISIONS'): DivisionEndpoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(name, `cannot read the division list ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .join(',');
  return parseDivisions(entries, `${name} (${file})`);
}

/** `name=url` pairs, e.g. `SUBGRAPH_URLS="joint=http://joint:4100/graphql,lodging=http://lodging:4110/graphql"`. */
export function parseSubgraphUrls(raw: string | undefined, name: string): Record<string, string> {
  const urls: Record<string, string> = {};
  if (!raw) return urls;
  for (const part of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const subgraph = at > 0 ? part.slice(0, at).trim() : '';
    const url = at > 0 ? part.slice(at + 1).trim() : '';
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(subgraph)) throw new ConfigError(name, `"${part}" does not start with a subgraph name and "="`);
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new ConfigError(name, `the URL for ${subgraph} ("${url}") is not an http(s) URL`);
    }
    urls[subgraph] = url;
  }
  return urls;
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

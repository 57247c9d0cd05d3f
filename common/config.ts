import { readFileSync } from 'node:fs';
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

/**
 * Ports every browser and `fetch` refuse to connect to ("bad ports" of the Fetch
 * standard, https://fetch.spec.whatwg.org/#port-blocking): a service listening on
 * one starts, but nobody can open its pages and the demo loader's own requests
 * fail with "bad port". Node's fetch (undici) uses this list.
 */
export const BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Why browsers would not reach a service on this port, or null. */
export function badPortProblem(port: number): string | null {
  if (!BAD_PORTS.has(port)) return null;
  return `${port} 是浏览器和 fetch 拒绝连接的端口 (port ${port} is one that browsers and fetch refuse to connect to, a "bad port" of the Fetch standard)`;
}

export function readPort(env: Env, fallback: number, name = 'PORT'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(name, `must be a port number 0–65535, got "${raw}"`);
  const problem = badPortProblem(port);
  if (problem) throw new ConfigError(name, `${problem}: choose another port`);
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

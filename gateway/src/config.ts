import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigError,
  isProduction,
  parseSubgraphUrls,
  readDivisionsSetting,
  readOpsNetworks,
  readPort,
  readSecret,
  readUrl,
  type DivisionEndpoint,
  type Env,
} from '../../common/config';
import { repoRoot } from '../../common/repo-root';
import type { AuthConfig } from './auth';
import type { ResponseCacheConfig } from './response-cache';

export interface GatewayConfig {
  port: number;
  host?: string;
  /** The composed supergraph the gateway plans against. */
  supergraphPath: string;
  /** Division instances in configuration order; none when the supergraph has no `division` subgraph. */
  divisions: DivisionEndpoint[];
  /** `DIVISIONS=@file`: the list is re-read from this file on SIGHUP. */
  divisionsFile?: string;
  /** Overrides the URL the supergraph gives for a subgraph (joint → JOINT_URL, others from SUBGRAPH_URLS). */
  subgraphUrls: Record<string, string>;
  auth: AuthConfig;
  contextSecret: string;
  production: boolean;
  /** Serve the GraphQL explorer at /explorer (default: on unless production). */
  explorer?: boolean;
  /** Per-client limit on requests without a token (portal pages, public results). */
  publicRateLimit?: { capacity: number; refillPerSecond: number };
  /** Seconds between schema checks of the division instances. */
  readinessIntervalSeconds?: number;
  /** OPS_NETWORKS: who reads /metrics and the detail of /ready without a supervisor's token; this machine by default outside production. */
  opsNetworks?: readonly string[];
  /** Overrides of the query limits of `limits.ts` (tests use small ones). */
  limits?: { maxCost?: number; maxAnswerBytes?: number; maxSubgraphAnswerBytes?: number };
  /** 证据材料 uploads: the largest file (EVIDENCE_MAX_BYTES) and the per-client limit (tests use a tiny one). */
  evidence?: { maxBytes?: number; rateLimit?: { capacity: number; refillPerSecond: number } };
  /** The response cache for public answers (`response-cache/`); off unless given (RESPONSE_CACHE sets it, in memory by default). */
  responseCache?: ResponseCacheConfig;
  /** The workbench's sign-in: the OpenID Connect issuer browsers are sent to and the workbench's client id there (none: the workbench says sign-in is not set up). */
  workbench?: WorkbenchSignIn;
}

export interface WorkbenchSignIn {
  /** The issuer as browsers reach it (WORKBENCH_ISSUER, else AUTH_ISSUER). */
  issuer: string;
  /** WORKBENCH_CLIENT_ID, `workbench` by default. */
  clientId: string;
}

export function defaultSupergraphPath(): string {
  return join(repoRoot(), 'schema', 'supergraph.graphql');
}

export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  const production = isProduction(env);
  const supergraphPath = env.SUPERGRAPH_PATH || defaultSupergraphPath();
  if (!existsSync(supergraphPath)) throw new ConfigError('SUPERGRAPH_PATH', `no supergraph file at ${supergraphPath}`);
  const jwksUrl = readUrl(env, 'AUTH_JWKS_URL', { required: false });
  const secret = readSecret(env, 'AUTH_SECRET', { required: !jwksUrl });
  // A key set alone says who signed, not for whom: without both claims a token the provider issued to another service would do.
  if (production && jwksUrl) {
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE'])
      if (!env[name])
        throw new ConfigError(
          name,
          "is required with AUTH_JWKS_URL in production: the identity provider's issuer and the audience of its tokens for this gateway",
        );
  }
  const jointUrl = readUrl(env, 'JOINT_URL', { required: false });
  // DIVISIONS is needed only by a supergraph with a `division` subgraph: the gateway checks that at start.
  const divisions = env.DIVISIONS ? readDivisionsSetting(env.DIVISIONS) : { endpoints: [] };
  return {
    port: readPort(env, 4000),
    supergraphPath,
    divisions: divisions.endpoints,
    ...(divisions.file ? { divisionsFile: divisions.file } : {}),
    subgraphUrls: { ...parseSubgraphUrls(env.SUBGRAPH_URLS, 'SUBGRAPH_URLS'), ...(jointUrl ? { joint: jointUrl } : {}) },
    auth: { secret, jwksUrl, issuer: env.AUTH_ISSUER || undefined, audience: env.AUTH_AUDIENCE || undefined },
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    production,
    explorer: readExplorer(env, production),
    publicRateLimit: readRateLimit(env),
    opsNetworks: readOpsNetworks(env),
    evidence: { maxBytes: readEvidenceMaxBytes(env) },
    responseCache: readResponseCache(env),
    workbench: readWorkbenchSignIn(env),
  };
}

/** WORKBENCH_ISSUER (else AUTH_ISSUER) and WORKBENCH_CLIENT_ID: where the workbench sends people to sign in. */
function readWorkbenchSignIn(env: Env): WorkbenchSignIn | undefined {
  const issuer = readUrl(env, 'WORKBENCH_ISSUER', { required: false }) ?? (env.AUTH_ISSUER || undefined);
  if (!issuer) return undefined;
  return { issuer, clientId: env.WORKBENCH_CLIENT_ID || 'workbench' };
}

/** EVIDENCE_MAX_BYTES: a whole number of bytes, at least 64 KiB and at most the joint subgraph's 20 MiB. */
function readEvidenceMaxBytes(env: Env): number | undefined {
  const raw = env.EVIDENCE_MAX_BYTES;
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 65_536 || value > 20 * 1024 * 1024)
    throw new ConfigError('EVIDENCE_MAX_BYTES', 'must be a whole number of bytes from 65536 to 20971520');
  return value;
}

/** `RESPONSE_CACHE=memory` (default: this gateway alone), `off`, or a PostgreSQL URL shared by every gateway. */
function readResponseCache(env: Env): ResponseCacheConfig {
  const raw = env.RESPONSE_CACHE || 'memory';
  if (raw === 'memory' || raw === 'off') return { store: raw };
  if (/^postgres(ql)?:\/\//.test(raw)) return { store: 'postgresql', url: raw };
  throw new ConfigError('RESPONSE_CACHE', `must be memory, off or a postgresql:// URL — got "${raw.replace(/\/\/[^@]*@/, '//…@')}"`);
}

function readExplorer(env: Env, production: boolean): boolean {
  if (!env.EXPLORER) return !production;
  if (env.EXPLORER !== 'on' && env.EXPLORER !== 'off') throw new ConfigError('EXPLORER', 'must be on or off');
  return env.EXPLORER === 'on';
}

/** `PUBLIC_RATE_LIMIT=120,20`: a burst of 120 requests, then 20 a second, per client without a token. */
function readRateLimit(env: Env): { capacity: number; refillPerSecond: number } | undefined {
  const raw = env.PUBLIC_RATE_LIMIT;
  if (!raw) return undefined;
  const [capacity, refillPerSecond] = raw.split(',').map(Number);
  if (!(Number.isInteger(capacity) && capacity! > 0 && refillPerSecond! > 0))
    throw new ConfigError('PUBLIC_RATE_LIMIT', `must be "burst,perSecond", e.g. 120,20 — got "${raw}"`);
  return { capacity: capacity!, refillPerSecond: refillPerSecond! };
}

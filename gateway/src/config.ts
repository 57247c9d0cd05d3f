import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigError,
  isProduction,
  parseDivisions,
  readPort,
  readSecret,
  readUrl,
  type DivisionEndpoint,
  type Env,
} from '../../subgraphs/common/src/config';
import { repoRoot } from '../../subgraphs/common/src/repo-root';
import type { AuthConfig } from './auth';

export interface GatewayConfig {
  port: number;
  host?: string;
  /** The composed supergraph the gateway plans against. */
  supergraphPath: string;
  /** Division instances in configuration order. */
  divisions: DivisionEndpoint[];
  /** Overrides the URL the supergraph gives for a subgraph (e.g. joint → JOINT_URL). */
  subgraphUrls: Record<string, string>;
  auth: AuthConfig;
  contextSecret: string;
  production: boolean;
  /** Serve the GraphQL explorer at /explorer (default: on unless production). */
  explorer?: boolean;
  /** Seconds between schema checks of the division instances. */
  readinessIntervalSeconds?: number;
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
  const jointUrl = readUrl(env, 'JOINT_URL', { required: false });
  return {
    port: readPort(env, 4000),
    supergraphPath,
    divisions: parseDivisions(env.DIVISIONS),
    subgraphUrls: jointUrl ? { joint: jointUrl } : {},
    auth: { secret, jwksUrl, issuer: env.AUTH_ISSUER || undefined, audience: env.AUTH_AUDIENCE || undefined },
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    production,
    explorer: env.EXPLORER ? env.EXPLORER === 'on' : !production,
  };
}

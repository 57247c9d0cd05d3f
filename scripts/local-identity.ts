/**
 * 统一身份认证 under `npm start`: the built-in identity provider beside the
 * subgraphs, on SQLite and keys in DATA_DIR, with the workbench's addresses on
 * the gateway's port, and the gateway's view of it (JWKS, issuer, audience).
 */
import { join } from 'node:path';
import type { Logger } from '../common/logger';
import { createIdentityService, type AdministratorNotice, type IdentityService } from '../identity/src/app';
import type { AuthConfig } from '../gateway/src/auth';

/** The workbench's client id at the provider `npm start` runs. */
export const WORKBENCH_CLIENT_ID = 'workbench';

/**
 * Where the workbench and the API are, as browsers reach them. The provider
 * starts before the gateway, so with port 0 (tests) the gateway's port is not
 * known yet: the addresses then name no port, as nothing browses to them.
 */
export function workbenchAddresses(gatewayPort: number): { audience: string; redirectUri: string; postLogoutRedirectUri: string } {
  const base = gatewayPort === 0 ? 'http://localhost' : `http://localhost:${gatewayPort}`;
  return { audience: `${base}/graphql`, redirectUri: `${base}/workbench/callback`, postLogoutRedirectUri: `${base}/workbench/` };
}

export interface LocalIdentity {
  service: IdentityService;
  /** How the gateway checks the provider's tokens, beside AUTH_SECRET. */
  auth: Required<Pick<AuthConfig, 'jwksUrl' | 'issuer' | 'audience'>>;
}

export async function startLocalIdentity(options: {
  dataDir: string;
  port: number;
  gatewayPort: number;
  logger: Logger;
  /** The administrator's first password, at the first start only: for the operator's terminal and nowhere else. */
  announce: (notice: AdministratorNotice) => void;
}): Promise<LocalIdentity> {
  const workbench = workbenchAddresses(options.gatewayPort);
  const service = await createIdentityService({
    port: options.port,
    // Browsers come to its sign-in page, as to the gateway: every interface, not loopback only.
    issuer: (port) => `http://localhost:${port}`,
    audience: workbench.audience,
    database: { kind: 'sqlite', file: join(options.dataDir, 'identity.sqlite') },
    keysFile: join(options.dataDir, 'identity-keys.json'),
    client: { clientId: WORKBENCH_CLIENT_ID, redirectUris: [workbench.redirectUri], postLogoutRedirectUris: [workbench.postLogoutRedirectUri] },
    production: false,
    logger: options.logger,
    announce: options.announce,
  });
  return {
    service,
    // The gateway fetches the keys over loopback (whatever `localhost` resolves to); the issuer is the name tokens carry.
    auth: { jwksUrl: `http://127.0.0.1:${service.port}/jwks`, issuer: service.issuer, audience: workbench.audience },
  };
}

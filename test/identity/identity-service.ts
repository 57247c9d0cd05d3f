import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, type NewAccount } from '../../identity/src/accounts/accounts';
import { defaultDatabaseKind, freshDatabase } from '../support/database';
import { administratorNoticeText, createIdentityService, type IdentityService, type IdentityServiceConfig } from '../../identity/src/app';

export const CLIENT_ID = 'workbench';
export const AUDIENCE = 'http://gateway.test/graphql';
export const REDIRECT_URI = 'http://workbench.test/callback';
export const POST_LOGOUT_URI = 'http://workbench.test/signed-out';

export interface TestIdentity {
  service: IdentityService;
  issuer: string;
  dataDir: string;
  /** What the service printed for the operator (the administrator's first password). */
  announced: string[];
  addAccount(account: NewAccount): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The identity provider on port 0, its keys in a fresh temp folder (or in `dataDir`, for a restart), on a
 * fresh database of the jest project's engine: a real SQLite file in that folder, or a new PostgreSQL database.
 */
export async function startIdentity(options: { dataDir?: string; config?: Partial<IdentityServiceConfig> } = {}): Promise<TestIdentity> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ssj-identity-'));
  const announced: string[] = [];
  const service = await createIdentityService({
    port: 0,
    host: '127.0.0.1',
    issuer: (port) => `http://127.0.0.1:${port}`,
    audience: AUDIENCE,
    database: defaultDatabaseKind() === 'sqlite' ? { kind: 'sqlite', file: join(dataDir, 'identity.sqlite') } : await freshDatabase('postgresql', 'identity'),
    keysFile: join(dataDir, 'identity-keys.json'),
    client: { clientId: CLIENT_ID, redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] },
    announce: (notice) => announced.push(administratorNoticeText(notice)),
    ...options.config,
  });
  return {
    service,
    issuer: service.issuer,
    dataDir,
    announced,
    async addAccount(account) {
      await createAccount(service.orm.em.fork(), 'admin', account);
    },
    async stop() {
      await service.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

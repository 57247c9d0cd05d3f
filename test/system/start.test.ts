import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalSystem } from '../../scripts/start';
import { createToken } from '../../scripts/token';
import { postGraphQL } from '../support/graphql';
import { tempDir } from '../support/temp';

jest.setTimeout(180_000);

describe('npm start', () => {
  it('runs five divisions, the joint subgraph and the gateway with demo data, and restarts without seeding again', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir } as NodeJS.ProcessEnv;
    const lines: string[] = [];
    const first = await startLocalSystem({ dataDir, gatewayPort: 0, logLevel: 'silent', env, progress: (line) => lines.push(line) });
    let auditLength: number;
    let supervisor: string;
    try {
      const publicView = await postGraphQL(first.gatewayUrl, '{ divisions { code name checklist { name } } }');
      expect(publicView.errors).toBeUndefined();
      expect(publicView.data.divisions.map((division: { code: string }) => division.code)).toEqual(['ZA', 'WA', 'JD', 'JJ', 'CRJ']);
      expect(publicView.data.divisions.every((division: { checklist: unknown[] }) => division.checklist.length > 0)).toBe(true);
      expect(lines.some((line) => line.includes('ZA'))).toBe(true);

      const coordinator = await createToken({ roles: ['coordinator'], ttl: '1h' }, first.authSecret);
      const directory = await postGraphQL(first.gatewayUrl, '{ division(code: "ZA") { targets(first: 1) { totalCount } } }', {}, { authorization: `Bearer ${coordinator}` });
      expect(directory.data.division.targets.totalCount).toBeGreaterThanOrEqual(300);
      const published = await postGraphQL(first.gatewayUrl, '{ publicResults(first: 1) { totalCount } }');
      expect(published.data.publicResults.totalCount).toBeGreaterThan(0);

      supervisor = await createToken({ roles: ['supervisor'], ttl: '1h' }, first.authSecret);
      const audit = await postGraphQL(first.gatewayUrl, '{ division(code: "ZA") { auditChain { ok length } } auditChain { ok length } }', {}, { authorization: `Bearer ${supervisor}` });
      expect(audit.data.division.auditChain.ok).toBe(true);
      auditLength = audit.data.division.auditChain.length + audit.data.auditChain.length;
      expect((statSync(join(dataDir, 'dev-secrets.json')).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await first.stop();
    }

    const second = await startLocalSystem({ dataDir, gatewayPort: 0, logLevel: 'silent', env });
    try {
      expect(second.authSecret).toBe(first.authSecret);
      const audit = await postGraphQL(second.gatewayUrl, '{ division(code: "ZA") { auditChain { ok length } } auditChain { ok length } }', {}, { authorization: `Bearer ${supervisor!}` });
      expect(audit.errors).toBeUndefined();
      expect(audit.data.division.auditChain.length + audit.data.auditChain.length).toBe(auditLength!);
    } finally {
      await second.stop();
    }
  });
});

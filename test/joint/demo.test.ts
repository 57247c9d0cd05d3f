import { seedJointDemo } from '../../scripts/demo-joint';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'JD', 'JJ', 'CRJ'], seed: 'demo' });
});

afterAll(() => system.stop());

describe('demonstration tasks for npm start', () => {
  it('runs a published, an in-progress and a committed task through the gateway, once', async () => {
    expect(await seedJointDemo({ gatewayUrl: system.gateway.url, authSecret: TEST_AUTH_SECRET })).toBe(true);
    const tasks = await system.query(
      `{ inspectionTasks { totalCount edges { node { name status isJoint publication { title resultCount withheldCount } draw { verification { ok } } } } } }`,
      {},
      await tokens.supervisor(),
    );
    expect(tasks.errors).toBeUndefined();
    const byStatus = Object.fromEntries(tasks.data.inspectionTasks.edges.map(({ node }: any) => [node.status, node]));
    expect(Object.keys(byStatus).sort()).toEqual(['COMMITTED', 'DRAWN', 'PUBLISHED']);
    expect(byStatus.PUBLISHED.publication.resultCount).toBeGreaterThan(10);
    expect(byStatus.PUBLISHED.publication.withheldCount).toBe(1);
    expect(byStatus.PUBLISHED.draw.verification.ok).toBe(true);
    const published = await system.query(`{ publicResults(first: 500) { totalCount edges { node { outcome withheldReason } } } }`);
    expect(published.data.publicResults.totalCount).toBe(byStatus.PUBLISHED.publication.resultCount);
    expect(published.data.publicResults.edges.some(({ node }: any) => node.outcome === 'REFUSED_INSPECTION')).toBe(true);
    expect(await seedJointDemo({ gatewayUrl: system.gateway.url, authSecret: TEST_AUTH_SECRET })).toBe(false);
  });
});

import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { committedTask, drawn } from '../joint/helpers';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo' });
});

afterAll(() => system.stop());

async function metrics(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('/metrics on every service', () => {
  it('counts operations by name at the gateway and at each subgraph, and times draws at the joint subgraph', async () => {
    await system.query(`query PublicChecklist { divisions { code } }`);
    const task = await committedTask(system, { name: '网吧抽查', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 2000, highRiskRatioBp: 2000 });
    await drawn(system, task);

    const gateway = await metrics(system.gateway.url);
    expect(gateway).toMatch(/ssj_graphql_requests_total\{[^}]*operation="PublicChecklist"[^}]*\} [1-9]/);
    expect(gateway).toContain('ssj_graphql_request_duration_seconds_bucket');
    expect(gateway).toContain('process_resident_memory_bytes');

    for (const division of system.divisions.values()) {
      const text = await metrics(division.url);
      expect(text).toMatch(/ssj_graphql_requests_total\{[^}]*service="division:(ZA|WA)"/);
    }

    const joint = await metrics(system.joint.url);
    expect(joint).toMatch(/ssj_draw_duration_seconds_count\{[^}]*outcome="ok"[^}]*\} 1/);
    expect(joint).toMatch(/ssj_draw_pool_size_count\{[^}]*\} 1/);
  });

  it('counts failed fetches per division at the gateway', async () => {
    const wa = system.divisions.get('WA')!;
    await wa.stop();
    await system.query(`{ divisions { code } }`, {}, await tokens.coordinator());
    expect(await metrics(system.gateway.url)).toMatch(/ssj_division_fetch_errors_total\{[^}]*division="WA"[^}]*\} [1-9]/);
    system.divisions.delete('WA');
  });
});

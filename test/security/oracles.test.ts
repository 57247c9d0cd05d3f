/**
 * No oracle for what must stay secret until publication: the public's (and
 * an analyst's) answers depend only on public facts — published results and
 * the public risk lists — never on whether an entity was drawn for a task not
 * yet published, or complained about. Checked on `marketEntity` and on every
 * public field and portal page that mentions entities (test/README.md lists them).
 */
import { withUsccCheckCharacter } from '../../common/uscc';
import { committedTask, drawn, onDataLead, YEAR } from '../joint/helpers';
import { publishedTask, saveHotel } from '../portal/fixtures';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

jest.setTimeout(180_000);

let system: TestSystem;
let site: string;
let coordinator: string;
let analyst: string;
/** Drawn for a task that is not published yet. */
let drawnUscc: string;
let drawnName: string;
let unpublishedTask: string;
/** With a published result. */
let publishedUscc: string;
let publishedName: string;
/** On a public risk list only. */
let listedUscc: string;
/** Never heard of. */
const unknownUscc = withUsccCheckCharacter('91411002MA9QQQQQ1');

const ENTITY = `query($u: String!) { marketEntity(uscc: $u) { uscc name riskFlags { flag active source } creditRecord { kind summary outcome publication } } }`;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  site = system.gateway.url.replace(/\/graphql$/, '');
  [coordinator, analyst] = await Promise.all([tokens.coordinator(), tokens.analyst()]);
  const published = await publishedTask(
    system,
    { name: '公示的旅馆检查', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1, highRiskRatioBp: 1 },
    'published 1 2 3',
  );
  publishedUscc = published.assignments[0]!.uscc;
  publishedName = (await system.query(`query($u: String) { publicResults(uscc: $u) { edges { node { entityName } } } }`, { u: publishedUscc })).data
    .publicResults.edges[0].node.entityName;

  drawnName = '许昌市魏都区即将受检宾馆';
  drawnUscc = await saveHotel(system, 'ZA', '91411002MA9WWWWW2', drawnName);
  unpublishedTask = await committedTask(system, {
    name: '尚未公示的定向检查',
    kind: 'DIRECTED',
    ratioBp: 10000,
    highRiskRatioBp: 10000,
    directedTargets: onDataLead([drawnUscc]),
    items: [{ division: 'ZA', code: 'ZA-001' }],
  });
  await drawn(system, unpublishedTask, 'directed 4 5 6');

  listedUscc = withUsccCheckCharacter('91411002MA9LLLLL3');
  const flagged = await system.query(
    `mutation($u: String!) { setRiskFlag(uscc: $u, flag: ABNORMAL_OPERATION, active: true, source: "国家企业信用信息公示系统") { uscc } }`,
    { u: listedUscc },
    coordinator,
  );
  expect(flagged.errors).toBeUndefined();
});

afterAll(() => system?.stop());

const asPublic = async (uscc: string, token?: string) => (await system.query(ENTITY, { u: uscc }, token)).body;

describe('marketEntity for the public and for analysts', () => {
  it.each([
    ['the public', () => undefined],
    ['an analyst', () => analyst],
  ])('%s learns nothing from an entity drawn for an unpublished task: the same answer as for one never heard of', async (_who, token) => {
    expect(await asPublic(drawnUscc, token())).toEqual({ data: { marketEntity: null } });
    expect(await asPublic(drawnUscc, token())).toEqual(await asPublic(unknownUscc, token()));
  });

  it('the office still sees the drawn entity', async () => {
    expect((await system.query(ENTITY, { u: drawnUscc }, coordinator)).data.marketEntity).toMatchObject({ uscc: drawnUscc, name: drawnName });
  });

  it('filing a complaint changes nothing the public can read', async () => {
    const complained = withUsccCheckCharacter('91411002MA9CCCCC4');
    const before = await publicSurface(complained);
    const filed = await system.query(
      `mutation($u: String!, $on: Date!) { fileComplaint(uscc: $u, summary: "群众举报：未登记旅客身份", receivedOn: $on) { id } }`,
      { u: complained, on: `${YEAR}-01-02` },
      coordinator,
    );
    expect(filed.errors).toBeUndefined();
    expect(await publicSurface(complained)).toEqual(before);
    expect(await asPublic(complained, analyst)).toEqual(await asPublic(unknownUscc, analyst));
  });

  it('an entity with a published result is known by its published name and credit record', async () => {
    const answer = await asPublic(publishedUscc);
    expect(answer.data.marketEntity).toMatchObject({ uscc: publishedUscc, name: publishedName, riskFlags: [] });
    expect(answer.data.marketEntity.creditRecord.length).toBeGreaterThan(0);
  });

  it('an entity on a public risk list is known by its listing, without a name the public was never told', async () => {
    const answer = await asPublic(listedUscc);
    expect(answer.data.marketEntity).toEqual({
      uscc: listedUscc,
      name: null,
      riskFlags: [{ flag: 'ABNORMAL_OPERATION', active: true, source: '国家企业信用信息公示系统' }],
      creditRecord: [],
    });
  });
});

/** Everything the public can read that could mention `uscc`: the API's public fields and the portal's pages. */
async function publicSurface(uscc: string): Promise<unknown[]> {
  const api = await Promise.all([
    system.query(ENTITY, { u: uscc }),
    system.query(`query($u: String) { publicResults(uscc: $u) { totalCount } }`, { u: uscc }),
    system.query(`query($q: String) { publicResults(search: $q) { totalCount } }`, { q: uscc.slice(0, 10) }),
    system.query(
      `{ inspectionTasks(first: 500) { totalCount edges { node { id status draw { poolSize selectedCount highRiskPoolSize highRiskSelectedCount excludedCount } } } } }`,
    ),
    system.query(`{ publications(first: 500) { totalCount } publicOutcomeSummary(year: ${YEAR}) { outcome count } }`),
  ]);
  const pages = await Promise.all(['/', `/?q=${uscc}`, '/tasks', '/publications'].map(async (path) => (await fetch(`${site}${path}`)).text()));
  return [...api.map((answer) => answer.body), ...pages];
}

describe('every other public field and page says nothing about the unpublished draw', () => {
  it('the task, its draw and the lists show the commitment and the seed, never the drawn entity', async () => {
    const answers = await Promise.all([
      system.query(
        `query($id: ID!) { inspectionTask(id: $id) { id name status seedCommitment resultsDueBy items { division code name } divisions { code name }
          draw { drawnAt algorithm beacon secret seed poolDigest poolSize highRiskPoolSize selectedCount highRiskSelectedCount excludedCount recordUrl verification { ok problems pending } } } }`,
        { id: unpublishedTask },
      ),
      system.query(`{ inspectionTasks(first: 500) { edges { node { id status draw { seed selectedCount } } } } }`),
      system.query(`{ publicResults(first: 500) { edges { node { uscc entityName } } } publications(first: 500) { edges { node { id title } } } }`),
      system.query(`query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { uscc } } } } }`, { id: unpublishedTask }),
      system.query(`query($id: ID!) { inspectionTask(id: $id) { draw { record } } }`, { id: unpublishedTask }),
    ]);
    const page = async (path: string) => (await fetch(`${site}${path}`)).text();
    const pages = await Promise.all(['/', '/tasks', '/publications', `/tasks/${unpublishedTask}/draw`, `/tasks/${unpublishedTask}/draw/record.json`].map(page));
    // A search page echoes what was searched for; beyond that it must read as for an entity never heard of.
    expect((await page(`/?q=${drawnUscc}`)).replaceAll(drawnUscc, '?')).toBe((await page(`/?q=${unknownUscc}`)).replaceAll(unknownUscc, '?'));
    const unknownName = '许昌市魏都区从未听说宾馆';
    expect((await page(`/?q=${encodeURIComponent(drawnName)}`)).replaceAll(drawnName, '?')).toBe(
      (await page(`/?q=${encodeURIComponent(unknownName)}`)).replaceAll(unknownName, '?'),
    );
    for (const text of [...answers.map((answer) => JSON.stringify(answer.body)), ...pages]) {
      expect(text).not.toContain(drawnUscc);
      expect(text).not.toContain(drawnName);
    }
    expect(answers[0]!.data.inspectionTask.draw.recordUrl).toBeNull();
    expect(answers[3]!.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

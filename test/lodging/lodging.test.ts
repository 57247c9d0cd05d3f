/**
 * 治安's hotel guest-registration system (旅馆业治安管理信息系统) as an extension
 * subgraph: its own service and database, listed in schema/extension-subgraphs.json,
 * adding `lodging` to the ZA hotels of the target directory. Through the gateway
 * its fields join the directory's and the joint subgraph's in one query, and
 * taking it out of the configuration and recomposing removes it from a running
 * gateway.
 */
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../common/logger';
import { openDatabase } from '../../common/orm';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { composeSupergraph } from '../../scripts/compose-lib';
import { EXTENSION_CONFIG, readExtensionConfig } from '../../scripts/extension-subgraphs';
import { sleep } from '../../scripts/process-support';
import { demoDataFor } from '../../subgraphs/division/src/seed/demo-data';
import { lodgingMigrations } from '../../subgraphs/lodging/migrations';
import { lodgingEntities } from '../../subgraphs/lodging/src/entities';
import { demoMonths, lodgingDemoData } from '../../subgraphs/lodging/src/seed/demo-data';
import { DATABASE_KINDS, freshDatabase } from '../support/database';
import { asViewer, errorCodes, postGraphQL, TEST_CONTEXT_SECRET, viewers } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';
import { committedTask, drawn, TODAY } from '../joint/helpers';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const ZA_HOTELS = demoDataFor('ZA', { today: TODAY }).targets.filter((target) => target.categories.includes('旅馆'));
const demo = lodgingDemoData('ZA', TODAY);
const connected = demo.hotels[0]!;
const unconnected = ZA_HOTELS.find((hotel) => !demo.hotels.some((candidate) => candidate.uscc === hotel.uscc))!;
const notAHotel = demoDataFor('ZA', { today: TODAY }).targets.find((target) => !target.categories.includes('旅馆'))!;

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo' });
});

afterAll(async () => {
  await system?.stop();
});

const ENTITY_LODGING =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Target { uscc lodging { name licenceNo rooms connectedOn months(last: 3) { month registrations uploadedLate unregisteredFound } } } } }';

describe('the service', () => {
  it('answers only requests the gateway signed, and announces exactly the SDL compose committed', async () => {
    const unsigned = await postGraphQL(system.lodging.url, '{ _service { sdl } }');
    expect(unsigned.status).toBe(401);
    expect(errorCodes(unsigned)).toEqual(['UNAUTHENTICATED']);
    const signed = await postGraphQL(system.lodging.url, '{ _service { sdl } }', {}, await asViewer(viewers.service('gateway')));
    expect(signed.data._service.sdl.trim()).toBe(readFileSync(join(ROOT, 'schema', 'lodging.graphql'), 'utf8').trim());
    expect((await fetch(system.lodging.url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });

  it("adds the registrations to a ZA hotel's directory entry: newest month first; null for unconnected hotels, other entries and other divisions", async () => {
    const representations = [
      { __typename: 'Target', division: 'ZA', uscc: connected.uscc },
      { __typename: 'Target', division: 'ZA', uscc: unconnected.uscc },
      { __typename: 'Target', division: 'ZA', uscc: notAHotel.uscc },
      { __typename: 'Target', division: 'WA', uscc: connected.uscc },
    ];
    const answer = await postGraphQL(system.lodging.url, ENTITY_LODGING, { representations }, await asViewer(viewers.coordinator));
    expect(answer.errors).toBeUndefined();
    const [hotel, ...nulls] = answer.data._entities as Array<{ uscc: string; lodging: Record<string, unknown> | null }>;
    const months = demoMonths(TODAY).slice(0, 3);
    expect(hotel).toEqual({
      uscc: connected.uscc,
      lodging: {
        name: connected.name,
        licenceNo: connected.licenceNo,
        rooms: connected.rooms,
        connectedOn: connected.connectedOn,
        months: months.map((month) => {
          const { uscc: _uscc, ...figures } = demo.months.find((entry) => entry.uscc === connected.uscc && entry.month === month)!;
          return figures;
        }),
      },
    });
    expect(nulls.map((entity) => entity.lodging)).toEqual([null, null, null]);
  });

  it.each([
    ['the public', 'UNAUTHENTICATED', viewers.anonymous],
    ["another division's administrator", 'FORBIDDEN', viewers.divisionAdmin('WA')],
    ['an analyst', 'FORBIDDEN', viewers.analyst],
  ])('keeps guest registrations from %s (%s)', async (_who, code, viewer) => {
    const answer = await postGraphQL(
      system.lodging.url,
      ENTITY_LODGING,
      { representations: [{ __typename: 'Target', division: 'ZA', uscc: connected.uscc }] },
      await asViewer(viewer),
    );
    expect(errorCodes(answer)).toContain(code);
    expect(JSON.stringify(answer.data ?? null)).not.toContain(connected.licenceNo);
    const findings = await postGraphQL(system.lodging.url, '{ unregisteredGuestFindings { month } }', {}, await asViewer(viewer));
    expect(errorCodes(findings)).toContain(code);
  });

  it("lets ZA's own inspectors and administrators, coordinators and supervisors read them", async () => {
    for (const viewer of [viewers.inspector('ZA', 'ZA-0001'), viewers.divisionAdmin('ZA'), viewers.coordinator, viewers.supervisor]) {
      const answer = await postGraphQL(system.lodging.url, '{ unregisteredGuestFindings { month unregisteredFound } }', {}, await asViewer(viewer));
      expect(answer.errors).toBeUndefined();
    }
  });

  it('lists the hotels where guests were found unregistered in a month, most first, the latest month by default', async () => {
    const [latest, earlier] = demoMonths(TODAY);
    const expected = (month: string) =>
      demo.months
        .filter((entry) => entry.month === month && entry.unregisteredFound > 0)
        .sort((a, b) => b.unregisteredFound - a.unregisteredFound || (a.uscc < b.uscc ? -1 : 1))
        .map((entry) => ({ month, uscc: entry.uscc, unregisteredFound: entry.unregisteredFound }));
    const query = 'query($month: String) { unregisteredGuestFindings(month: $month) { month unregisteredFound hotel { uscc } } }';
    const headers = await asViewer(viewers.coordinator);
    for (const [month, wanted] of [
      [undefined, latest!],
      [earlier!, earlier!],
    ] as const) {
      const answer = await postGraphQL(system.lodging.url, query, { month }, headers);
      const got = (answer.data.unregisteredGuestFindings as Array<{ month: string; unregisteredFound: number; hotel: { uscc: string } }>).map((finding) => ({
        month: finding.month,
        uscc: finding.hotel.uscc,
        unregisteredFound: finding.unregisteredFound,
      }));
      expect(got).toEqual(expected(wanted));
    }
    expect(demoMonths(TODAY).some((month) => expected(month).length > 0)).toBe(true);
  });

  it.each([
    ['a month that is not YYYY-MM', '{ unregisteredGuestFindings(month: "2026-13") { month } }', 'month'],
    ['more than 60 months', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Target { lodging { months(last: 61) { month } } } } }`, 'last'],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_what, query, field) => {
    const answer = await postGraphQL(
      system.lodging.url,
      query,
      { r: [{ __typename: 'Target', division: 'ZA', uscc: connected.uscc }] },
      await asViewer(viewers.coordinator),
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each(DATABASE_KINDS)('its migrations create exactly the tables its entities describe (%s)', async (kind) => {
    const orm = await openDatabase({ location: await freshDatabase(kind, 'lodging_schema'), entities: lodgingEntities, migrations: lodgingMigrations });
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close(true);
    }
  });

  it('holds demo data for the hotels of the ZA directory only, the same on every start', () => {
    expect(demo.hotels.length).toBeGreaterThan(ZA_HOTELS.length / 2);
    expect(demo.hotels.every((hotel) => ZA_HOTELS.some((target) => target.uscc === hotel.uscc && target.name === hotel.name))).toBe(true);
    expect(lodgingDemoData('ZA', TODAY)).toEqual(demo);
    expect(demo.months).toHaveLength(demo.hotels.length * 12);
  });
});

describe('through the gateway', () => {
  it("joins a coordinator's view of the hotels: directory fields, joint fields and registrations in one query", async () => {
    const coordinator = await tokens.coordinator();
    const task = await committedTask(system, { items: [{ division: 'ZA', code: 'ZA-001' }], inspectorsPerDivision: 2 });
    await drawn(system, task);
    const answer = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 200) { edges { node { uscc stratum
         targets { division name address inspections { task { id } } lodging { licenceNo unregisteredGuests(last: 12) months(last: 1) { month registrations } } } } } } } }`,
      { id: task },
      coordinator,
    );
    expect(answer.errors).toBeUndefined();
    const targets = (answer.data.inspectionTask.assignments.edges as Array<{ node: { uscc: string; targets: Array<Record<string, any>> } }>).flatMap(
      (edge): Array<Record<string, any>> => edge.node.targets.map((target) => ({ uscc: edge.node.uscc, ...target })),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const directory = ZA_HOTELS.find((hotel) => hotel.uscc === target.uscc)!;
      expect(target).toMatchObject({ division: 'ZA', name: directory.name, address: directory.address });
      expect(target.inspections.map((inspection: { task: { id: string } }) => inspection.task.id)).toContain(task);
      const registered = demo.hotels.find((hotel) => hotel.uscc === target.uscc);
      if (!registered) {
        expect(target.lodging).toBeNull();
        continue;
      }
      const months = demo.months.filter((month) => month.uscc === target.uscc);
      expect(target.lodging).toEqual({
        licenceNo: registered.licenceNo,
        unregisteredGuests: months.reduce((sum, month) => sum + month.unregisteredFound, 0),
        months: [{ month: demoMonths(TODAY)[0], registrations: months.find((month) => month.month === demoMonths(TODAY)[0])!.registrations }],
      });
    }
    expect(targets.some((target) => target.lodging !== null)).toBe(true);
  });

  it('starts from its own findings and reaches the directory entry through division routing', async () => {
    const answer = await system.query(
      '{ unregisteredGuestFindings { unregisteredFound hotel { name } target { division uscc name categories } } }',
      {},
      await tokens.supervisor(),
    );
    expect(answer.errors).toBeUndefined();
    for (const finding of answer.data.unregisteredGuestFindings as Array<{
      hotel: { name: string };
      target: { division: string; name: string; categories: string[] };
    }>) {
      expect(finding.target).toMatchObject({ division: 'ZA', name: finding.hotel.name });
      expect(finding.target.categories).toContain('旅馆');
    }
  });

  it("shows the directory to another division's administrator but not ZA's registrations", async () => {
    const answer = await system.query(
      '{ division(code: "WA") { targets(category: "旅馆", first: 3) { edges { node { name lodging { licenceNo } } } } } }',
      {},
      await tokens.divisionAdmin('WA'),
    );
    expect(answer.data.division.targets.edges.length).toBeGreaterThan(0);
    for (const edge of answer.data.division.targets.edges) expect(edge.node.lodging).toBeNull();
    const za = await system.query('{ unregisteredGuestFindings { month } }', {}, await tokens.divisionAdmin('WA'));
    expect(errorCodes(za)).toContain('FORBIDDEN');
  });

  it('is listed in /ready, and its fetches go to it alone, never through the division router', async () => {
    const ready = (await (await fetch(system.gateway.url.replace(/\/graphql$/, '/ready'))).json()) as {
      subgraphs: Record<string, { url: string; ok: boolean }>;
    };
    expect(ready.subgraphs.lodging).toMatchObject({ url: system.lodging.url, ok: true });
    expect(readExtensionConfig(join(ROOT, EXTENSION_CONFIG)).map((entry) => entry.name)).toEqual(['lodging']);
    const answer = await system.query('query HotelRegistrations { unregisteredGuestFindings { month } }', {}, await tokens.coordinator());
    expect(answer.errors).toBeUndefined();
    const metrics = async (url: string) => (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    expect(await metrics(system.lodging.url)).toMatch(/operation="HotelRegistrations",outcome="ok"/);
    for (const division of system.divisions.values()) expect(await metrics(division.url)).not.toContain('HotelRegistrations');
  });
});

describe('taken out of the configuration and recomposed', () => {
  let gateway: Gateway;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    for (const file of ['supergraph.graphql', 'division.graphql', 'joint.graphql', 'lodging.graphql'])
      copyFileSync(join(ROOT, 'schema', file), join(dir, file));
    gateway = await createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: join(dir, 'supergraph.graphql'),
        divisions: [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
        subgraphUrls: { joint: system.joint.url, lodging: system.lodging.url },
        auth: { secret: TEST_AUTH_SECRET },
        contextSecret: TEST_CONTEXT_SECRET,
        production: false,
      },
      createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'),
    );
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  /** What `npm run compose` does, into the gateway's folder, with this configuration. */
  async function recompose(subgraphs: unknown[]): Promise<void> {
    const configFile = join(dir, 'extension-subgraphs.json');
    writeFileSync(configFile, JSON.stringify({ subgraphs }));
    const { files } = await composeSupergraph({ configFile });
    for (const [name, contents] of Object.entries(files)) {
      writeFileSync(join(dir, `${name}.next`), contents);
      renameSync(join(dir, `${name}.next`), join(dir, name));
    }
  }

  async function servedSubgraphs(): Promise<string[]> {
    const ready = (await (await fetch(gateway.url.replace(/\/graphql$/, '/ready'))).json()) as { supergraph: { subgraphs: string[] } };
    return ready.supergraph.subgraphs;
  }

  async function until(condition: (subgraphs: string[]) => boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition(await servedSubgraphs())) {
      if (Date.now() > deadline) throw new Error(`the gateway still serves ${await servedSubgraphs()}`);
      await sleep(50);
    }
  }

  const HOTELS = '{ division(code: "ZA") { targets(category: "旅馆", first: 2) { edges { node { name lodging { licenceNo } } } } } }';
  const DIRECTORY = '{ division(code: "ZA") { targets(category: "旅馆", first: 2) { edges { node { name inspections { id } } } } } }';

  it('disappears from the running gateway, and comes back when listed again, without a restart', async () => {
    const coordinator = await tokens.coordinator();
    expect((await postGraphQL(gateway.url, HOTELS, {}, { authorization: `Bearer ${coordinator}` })).errors).toBeUndefined();

    await recompose([]);
    await until((subgraphs) => !subgraphs.includes('lodging'));
    const without = await postGraphQL(gateway.url, HOTELS, {}, { authorization: `Bearer ${coordinator}` });
    expect(errorCodes(without)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(without.errors![0]!.message).toContain('lodging');
    expect((await postGraphQL(gateway.url, DIRECTORY, {}, { authorization: `Bearer ${coordinator}` })).errors).toBeUndefined();
    const ready = (await (await fetch(gateway.url.replace(/\/graphql$/, '/ready'))).json()) as { subgraphs: Record<string, unknown> };
    expect(Object.keys(ready.subgraphs)).not.toContain('lodging');

    await recompose(JSON.parse(readFileSync(join(ROOT, EXTENSION_CONFIG), 'utf8')).subgraphs);
    await until((subgraphs) => subgraphs.includes('lodging'));
    expect((await postGraphQL(gateway.url, HOTELS, {}, { authorization: `Bearer ${coordinator}` })).errors).toBeUndefined();
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(readFileSync(defaultSupergraphPath(), 'utf8'));
  });
});

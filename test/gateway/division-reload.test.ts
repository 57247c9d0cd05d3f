/**
 * Division instances join and leave a running gateway: with DIVISIONS=@file
 * the gateway process re-reads the list on SIGHUP, and an instance that is new
 * or moved receives traffic only after it passed the division contract's
 * admission rules (health, schema, refusal of unsigned requests).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../common/logger';
import type { DivisionService } from '../../subgraphs/division/src/app';
import { createLodgingService, type LodgingService } from '../../subgraphs/lodging/src/app';
import { startBrokenDivision, type BrokenDivision } from '../support/broken-division';
import { postGraphQL, TEST_CONTEXT_SECRET } from '../support/graphql';
import { startTestDivision } from '../support/services';
import { tempDir } from '../support/temp';
import { tokens, TEST_AUTH_SECRET } from '../support/tokens';
import { CREATE, taskInput } from '../joint/helpers';
import { freePort, killAll, MAIN, serviceEnv, sleep, startProcess, waitForStatus, type ServiceProcess } from '../reliability/processes';

jest.setTimeout(180_000);

const divisions = new Map<string, DivisionService>();
const broken: BrokenDivision[] = [];
let gateway: ServiceProcess;
let joint: ServiceProcess;
let lodging: LodgingService;
let gatewayUrl: string;
let listFile: string;

function writeList(entries: Array<[string, string]>): void {
  writeFileSync(listFile, `# 分局/支队 — division instances, re-read on SIGHUP\n${entries.map(([code, url]) => `${code}=${url}`).join('\n')}\n`);
}

const divisionCodes = async () =>
  ((await postGraphQL(gatewayUrl, '{ divisions { code } }')).data?.divisions ?? []).map((division: { code: string }) => division.code);

async function ready(): Promise<{ status: number; subgraphs: Record<string, { url: string; ok: boolean; state: string; error?: string }> }> {
  const response = await fetch(gatewayUrl.replace(/\/graphql$/, '/ready'));
  return { status: response.status, ...((await response.json()) as { subgraphs: never }) };
}

/** SIGHUP, then waits until the process's log says it read its configuration again. */
async function hangUp(service: ServiceProcess = gateway, line = 'division list re-read'): Promise<void> {
  const count = () => service.output().split(line).length;
  const before = count();
  service.signal('SIGHUP');
  const deadline = Date.now() + 30_000;
  while (count() === before) {
    if (Date.now() > deadline) throw new Error(`${service.name} did not re-read its division list:\n${service.output()}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  for (const code of ['ZA', 'WA', 'JD']) divisions.set(code, await startTestDivision({ code, database: 'sqlite', seed: code === 'JD' ? 'none' : 'demo' }));
  listFile = join(tempDir(), 'divisions.list');
  writeList([['ZA', divisions.get('ZA')!.url]]);
  const jointPort = await freePort();
  joint = startProcess(
    'joint',
    MAIN.joint,
    serviceEnv({ DIVISIONS: `@${listFile}`, PORT: String(jointPort), DATA_DIR: tempDir(), CONTEXT_SECRET: TEST_CONTEXT_SECRET, LOG_LEVEL: 'info' }),
  );
  await waitForStatus(`http://127.0.0.1:${jointPort}/health`, joint);
  // The committed supergraph has the guest-registration subgraph: the gateway is ready only with it.
  lodging = await createLodgingService({
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', file: join(tempDir(), 'lodging.sqlite') },
    contextSecret: TEST_CONTEXT_SECRET,
    logger: createLogger('lodging', 'silent'),
  });
  const port = await freePort();
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  gateway = startProcess(
    'gateway',
    MAIN.gateway,
    serviceEnv({
      DIVISIONS: `@${listFile}`,
      JOINT_URL: `http://127.0.0.1:${jointPort}/graphql`,
      SUBGRAPH_URLS: `lodging=${lodging.url}`,
      PORT: String(port),
      AUTH_SECRET: TEST_AUTH_SECRET,
      CONTEXT_SECRET: TEST_CONTEXT_SECRET,
      LOG_LEVEL: 'info',
    }),
  );
  await waitForStatus(gatewayUrl.replace(/\/graphql$/, '/health'), gateway);
});

afterAll(async () => {
  await killAll();
  await Promise.all(broken.map((server) => server.stop()));
  await lodging?.stop();
  await Promise.all([...divisions.values()].map((division) => division.stop()));
});

it('starts with the divisions the file lists', async () => {
  expect(await divisionCodes()).toEqual(['ZA']);
});

it('adds a division listed in the file on SIGHUP, without a restart', async () => {
  writeList([
    ['ZA', divisions.get('ZA')!.url],
    ['WA', divisions.get('WA')!.url],
  ]);
  await hangUp();
  expect(await divisionCodes()).toEqual(['ZA', 'WA']);
  expect(await ready()).toMatchObject({ status: 200, subgraphs: { 'division:WA': { url: divisions.get('WA')!.url, ok: true } } });
});

it('lets the joint subgraph follow the same file on SIGHUP, so a task can use the new division', async () => {
  const coordinator = await tokens.coordinator();
  const input = taskInput({
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
    ],
  });
  const before = await postGraphQL(gatewayUrl, CREATE, { input }, { authorization: `Bearer ${coordinator}` });
  expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_DIVISION', division: 'WA' });
  await hangUp(joint, 'configuration reloaded');
  const after = await postGraphQL(gatewayUrl, CREATE, { input }, { authorization: `Bearer ${coordinator}` });
  expect(after.errors).toBeUndefined();
  expect(after.data.createInspectionTask).toMatchObject({ status: 'DRAFT', isJoint: true });
});

it('keeps an instance that fails the contract away from traffic and says which rule it failed', async () => {
  const unsafe = await startBrokenDivision(divisions.get('JD')!.url, 'accepts-unsigned');
  broken.push(unsafe);
  writeList([
    ['ZA', divisions.get('ZA')!.url],
    ['WA', divisions.get('WA')!.url],
    ['JD', unsafe.url],
  ]);
  await hangUp();
  expect(await divisionCodes()).toEqual(['ZA', 'WA']);
  const answer = await postGraphQL(gatewayUrl, '{ division(code: "JD") { code } }');
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_DIVISION', division: 'JD' });
  const report = await ready();
  expect(report.status).toBe(503);
  expect(report.subgraphs['division:JD']).toMatchObject({ url: unsafe.url, ok: false, state: 'refused' });
  expect(report.subgraphs['division:JD']!.error).toMatch(/DIVISION_CONTRACT_FAILED: AUTH-1 a request without x-ssj-context is refused/);
  expect(gateway.output()).toMatch(/division instance refused: it fails the division contract/);
});

it('keeps serving a division from its old address when the new one fails the contract', async () => {
  const drifted = await startBrokenDivision(divisions.get('WA')!.url, 'sdl-drift');
  broken.push(drifted);
  writeList([
    ['ZA', divisions.get('ZA')!.url],
    ['WA', drifted.url],
  ]);
  await hangUp();
  expect(await divisionCodes()).toEqual(['ZA', 'WA']);
  const report = await ready();
  expect(report.subgraphs['division:WA']).toMatchObject({ url: drifted.url, state: 'refused' });
  expect(report.subgraphs['division:WA']!.error).toMatch(/SCHEMA-1 .*usccVerified is missing/);
  expect(report.subgraphs['division:JD']).toBeUndefined();
});

it('drops a division removed from the file, and takes a corrected one back', async () => {
  writeList([['ZA', divisions.get('ZA')!.url]]);
  await hangUp();
  expect(await divisionCodes()).toEqual(['ZA']);
  expect(Object.keys((await ready()).subgraphs).filter((key) => key.startsWith('division:'))).toEqual(['division:ZA']);

  writeList([
    ['ZA', divisions.get('ZA')!.url],
    ['JD', divisions.get('JD')!.url],
  ]);
  await hangUp();
  expect(await divisionCodes()).toEqual(['ZA', 'JD']);
});

it('keeps the list in use when the file does not read, and the process keeps running', async () => {
  writeFileSync(listFile, 'ZA=not a url\n');
  gateway.signal('SIGHUP');
  const deadline = Date.now() + 30_000;
  while (!gateway.output().includes('division list not re-read')) {
    if (Date.now() > deadline) throw new Error(gateway.output());
    await sleep(50);
  }
  expect(gateway.alive()).toBe(true);
  expect(await divisionCodes()).toEqual(['ZA', 'JD']);
});

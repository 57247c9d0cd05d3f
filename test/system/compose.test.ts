/**
 * `npm run compose` with extension subgraphs: the one configuration file that
 * lists them, their SDL from a file or from the running service, and
 * composition errors printed in words that name the subgraph.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { createLogger } from '../../common/logger';
import { composeSupergraph, CompositionError } from '../../scripts/compose-lib';
import { ExtensionConfigError, readExtensionConfig } from '../../scripts/extension-subgraphs';
import { createLodgingService, type LodgingService } from '../../subgraphs/lodging/src/app';
import { startSubgraphs, type RunningSubgraph } from '../gateway/federation-fixtures/subgraphs';
import { TEST_CONTEXT_SECRET } from '../support/graphql';
import { tempDir } from '../support/temp';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

/** 交警's vehicle records, as another vendor's system would add them: fields on the directory entry. */
const VEHICLES_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Target @key(fields: "division uscc") {
  division: ID!
  uscc: String!
  "机动车登记 — vehicles registered to the entity"
  registeredVehicles: [Vehicle!]!
}

type Vehicle {
  plate: String!
  kind: String!
}
`;

function configWith(subgraphs: unknown[]): string {
  const file = join(tempDir(), 'extension-subgraphs.json');
  writeFileSync(file, JSON.stringify({ subgraphs }));
  return file;
}

function sdlFile(text: string): string {
  const file = join(tempDir(), 'subgraph.graphql');
  writeFileSync(file, text);
  return file;
}

describe('the configuration file', () => {
  it('lists the committed extension subgraphs, and none when it is missing', () => {
    expect(readExtensionConfig(join(ROOT, 'schema', 'extension-subgraphs.json'))).toEqual([
      expect.objectContaining({ name: 'lodging', url: 'http://127.0.0.1:4110/graphql', sdl: 'schema/lodging.graphql' }),
    ]);
    expect(readExtensionConfig(join(tempDir(), 'absent.json'))).toEqual([]);
  });

  it.each([
    ['not JSON', '{ subgraphs: ', /not valid JSON/],
    ['no list', '{}', /needs a "subgraphs" list/],
    ['a bad name', JSON.stringify({ subgraphs: [{ name: 'Vehicles!', url: 'http://x/graphql' }] }), /"name" must be lower-case/],
    ['a name of this system', JSON.stringify({ subgraphs: [{ name: 'division', url: 'http://x/graphql' }] }), /"division" is taken/],
    [
      'a name twice',
      JSON.stringify({
        subgraphs: [
          { name: 'vehicles', url: 'http://x/graphql' },
          { name: 'vehicles', url: 'http://y/graphql' },
        ],
      }),
      /subgraphs\[1\]: "vehicles" is listed twice/,
    ],
    ['no URL', JSON.stringify({ subgraphs: [{ name: 'vehicles' }] }), /"url" must be the http\(s\) URL/],
  ])('refuses %s, saying where', (_what, text, message) => {
    const file = join(tempDir(), 'extension-subgraphs.json');
    writeFileSync(file, text);
    expect(() => readExtensionConfig(file)).toThrow(ExtensionConfigError);
    expect(() => readExtensionConfig(file)).toThrow(message);
  });
});

describe('composing', () => {
  let vehicles: RunningSubgraph[];
  let lodging: LodgingService;

  beforeAll(async () => {
    vehicles = await startSubgraphs([
      {
        name: 'vehicles',
        typeDefs: parse(VEHICLES_SDL),
        resolvers: { Target: { registeredVehicles: () => [{ plate: '豫K·12345', kind: '小型客车' }] } } as never,
      },
    ]);
    lodging = await createLodgingService({
      port: 0,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: join(tempDir(), 'lodging.sqlite') },
      contextSecret: TEST_CONTEXT_SECRET,
      logger: createLogger('lodging', 'silent'),
    });
  });

  afterAll(async () => {
    await Promise.all((vehicles ?? []).map((subgraph) => subgraph.stop()));
    await lodging?.stop();
  });

  it('takes the SDL of a listed subgraph from the running service and composes its fields onto the directory entry', async () => {
    const { files, subgraphs } = await composeSupergraph({ configFile: configWith([{ name: 'vehicles', url: vehicles[0]!.url }]) });
    expect(subgraphs).toEqual(['division', 'joint', 'vehicles']);
    expect(files['supergraph.graphql']).toContain(`VEHICLES @join__graph(name: "vehicles", url: "${vehicles[0]!.url}")`);
    expect(files['supergraph.graphql']).toMatch(/registeredVehicles: \[Vehicle!\]! @join__field\(graph: VEHICLES\)/);
    expect(files['vehicles.graphql']).toContain('registeredVehicles: [Vehicle!]!');
    expect(files['supergraph.graphql']).not.toContain('LODGING @join__graph');
  });

  it('signs the request for the SDL when a subgraph, like this system’s, answers only the gateway', async () => {
    const config = configWith([{ name: 'lodging', url: lodging.url }]);
    await expect(composeSupergraph({ configFile: config })).rejects.toThrow(/lodging: no SDL from .*set CONTEXT_SECRET/);
    const { files } = await composeSupergraph({ configFile: config, contextSecret: TEST_CONTEXT_SECRET });
    expect(files['supergraph.graphql']).toContain(`LODGING @join__graph(name: "lodging", url: "${lodging.url}")`);
  });

  it('says which subgraph is not running', async () => {
    await expect(composeSupergraph({ configFile: configWith([{ name: 'vehicles', url: 'http://127.0.0.1:9/graphql' }]) })).rejects.toThrow(
      /vehicles: no SDL from the running service at http:\/\/127\.0\.0\.1:9\/graphql .*give its SDL as a file/,
    );
  });

  it('refuses subgraphs that do not compose, with every error naming the subgraphs and the field', async () => {
    const clash = VEHICLES_SDL.replace('registeredVehicles: [Vehicle!]!', 'name: Int');
    const composed = composeSupergraph({ configFile: configWith([{ name: 'vehicles', url: 'http://vehicles/graphql', sdl: sdlFile(clash) }]) });
    await expect(composed).rejects.toBeInstanceOf(CompositionError);
    await expect(composed).rejects.toThrow(/Target\.name.*"division".*"vehicles"|Target\.name.*"vehicles".*"division"/s);
  });
});

describe('npm run compose', () => {
  function compose(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'compose.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('prints the composition errors and writes nothing when the extensions do not compose', async () => {
    const clash = VEHICLES_SDL.replace('registeredVehicles: [Vehicle!]!', 'name: Int');
    const run = await compose(['--config', configWith([{ name: 'vehicles', url: 'http://vehicles/graphql', sdl: sdlFile(clash) }])]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^composition failed:\n- .*Target\.name/m);
    expect(run.stdout).not.toContain('wrote');
  });

  it('names an SDL file it cannot read', async () => {
    const run = await compose(['--config', configWith([{ name: 'vehicles', url: 'http://vehicles/graphql', sdl: 'no/such/file.graphql' }])]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('vehicles: cannot read its SDL file no/such/file.graphql (ENOENT)');
  });
});

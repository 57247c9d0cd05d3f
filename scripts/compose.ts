/**
 * npm run compose [-- --config <file>] — writes schema/<subgraph>.graphql and schema/supergraph.graphql
 * from the subgraphs' code and the extension subgraphs of
 * schema/extension-subgraphs.json. Each file is written whole (a new file renamed
 * over the old one), the supergraph last, so a running gateway that watches it
 * only ever reads a complete supergraph whose subgraph files are in place.
 */
import 'reflect-metadata';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataDir } from '../common/config';
import { composeSupergraph, CompositionError } from './compose-lib';
import { repoRoot } from '../common/repo-root';
import { readDevSecrets } from './dev-secrets';

function writeWhole(file: string, contents: string): void {
  const next = `${file}.${process.pid}.tmp`;
  writeFileSync(next, contents);
  renameSync(next, file);
}

// Extensions asked while running expect the gateway's signature: the same key npm start or the deployment uses.
const contextSecret = process.env.CONTEXT_SECRET || readDevSecrets(readDataDir(process.env))?.contextSecret;

// `--config <file>`: another extension list than schema/extension-subgraphs.json (e.g. to try one before committing it).
const at = process.argv.indexOf('--config');
const configFile = at >= 0 ? process.argv[at + 1] : undefined;

composeSupergraph({ contextSecret, configFile })
  .then(({ files, hints, subgraphs }) => {
    for (const [name, contents] of Object.entries(files)) {
      writeWhole(join(repoRoot(), 'schema', name), contents);
      console.log(`wrote schema/${name}`);
    }
    console.log(`composed ${subgraphs.join(', ')}`);
    for (const hint of hints) console.log(`hint: ${hint}`);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof CompositionError) for (const hint of error.hints) console.error(`hint: ${hint}`);
    process.exit(1);
  });

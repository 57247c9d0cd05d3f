/** npm run compose — writes schema/<subgraph>.graphql and schema/supergraph.graphql from the subgraphs' code. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose-lib';
import { repoRoot } from '../common/repo-root';

composeSupergraph()
  .then(({ files, hints }) => {
    for (const [name, contents] of Object.entries(files)) {
      writeFileSync(join(repoRoot(), 'schema', name), contents);
      console.log(`wrote schema/${name}`);
    }
    for (const hint of hints) console.log(`hint: ${hint}`);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

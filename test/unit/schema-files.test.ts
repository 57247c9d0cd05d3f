import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../../scripts/compose-lib';

describe('committed schema files', () => {
  it('compose without errors and match what the code prints (run `npm run compose` after changing a schema)', async () => {
    const { files } = await composeSupergraph();
    expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['division.graphql', 'joint.graphql', 'supergraph.graphql']));
    for (const [name, contents] of Object.entries(files)) {
      const committed = readFileSync(join(__dirname, '..', '..', 'schema', name), 'utf8');
      expect({ file: name, contents: committed }).toEqual({ file: name, contents });
    }
  });
});

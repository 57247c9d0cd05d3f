/**
 * Merging the fetches one division instance receives in the same plan step:
 * the batched operation, executed by a real GraphQL schema, must give every
 * fetch exactly the answer it gets when sent alone — data, errors and their
 * paths — whatever names the fetches' variables and fragments share.
 */
import { buildSchema, execute, parse, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { mergeableQuery, mergeFetches, splitBatchedResponse } from '../../gateway/src/routing/fetch-batch';
import type { DivisionPartRequest, DivisionResponse } from '../../gateway/src/routing/division-routing';

const schema = buildSchema(`
  type Query { target(uscc: String!): Target  targets(uscc: [String!]!): [Target]  failing: String }
  type Target { uscc: String!  name: String  note: String }
`);

const rootValue = {
  target: ({ uscc }: { uscc: string }) => ({
    uscc,
    name: `对象 ${uscc}`,
    note: () => (uscc === 'BAD' ? new Error('备注不可读 (note unreadable)') : `备注 ${uscc}`),
  }),
  targets: ({ uscc }: { uscc: string[] }) => uscc.map((code) => rootValue.target({ uscc: code })),
  failing: () => {
    throw new Error('字段失败 (field failed)');
  },
};

async function run(request: DivisionPartRequest): Promise<DivisionResponse> {
  const result = (await execute({ schema, rootValue, document: parse(request.query), variableValues: request.variables })) as ExecutionResult;
  return JSON.parse(JSON.stringify({ data: result.data, ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}) }));
}

const PARTS: DivisionPartRequest[] = [
  { query: 'query One($uscc: String!) { target(uscc: $uscc) { ...T } }  fragment T on Target { uscc name }', variables: { uscc: 'A1' } },
  {
    query: 'query Two($uscc: [String!]!) { list: targets(uscc: $uscc) { ...T note } }  fragment T on Target { name }',
    variables: { uscc: ['B1', 'BAD', 'B3'] },
  },
  { query: 'query Three($uscc: String!) { target(uscc: $uscc) { uscc note } failing }', variables: { uscc: 'BAD' } },
];

describe('one request per instance for the fetches of one plan step', () => {
  it('gives each fetch the data and errors it gets alone, with the same paths', async () => {
    for (const part of PARTS) expect(mergeableQuery(part)).toBeDefined();
    const alone = await Promise.all(PARTS.map(run));
    const batched = mergeFetches(PARTS);

    expect(Object.keys(batched.variables).sort()).toEqual(['b0_uscc', 'b1_uscc', 'b2_uscc']);
    const shares = splitBatchedResponse(await run(batched), PARTS.length);

    const sortErrors = (errors?: readonly GraphQLFormattedError[]) =>
      [...(errors ?? [])].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
    shares.forEach((share, index) => {
      expect(share.data).toEqual(alone[index].data);
      expect(sortErrors(share.errors).map(({ message, path }) => ({ message, path }))).toEqual(
        sortErrors(alone[index].errors).map(({ message, path }) => ({ message, path })),
      );
    });
    expect(alone[1].errors?.[0].path).toEqual(['list', 1, 'note']);
  });

  it('gives an error of the whole batched operation to every fetch when no data came back', () => {
    const shares = splitBatchedResponse({ data: null, errors: [{ message: '实例不可用 (instance unavailable)' }] }, 2);
    expect(shares).toEqual([
      { data: null, errors: [{ message: '实例不可用 (instance unavailable)' }] },
      { data: null, errors: [{ message: '实例不可用 (instance unavailable)' }] },
    ]);
  });

  it('sends mutations and root fragments on their own', () => {
    expect(mergeableQuery({ query: 'mutation { failing }', variables: {} })).toBeUndefined();
    expect(mergeableQuery({ query: '{ ... on Query { failing } }', variables: {} })).toBeUndefined();
    expect(mergeableQuery({ query: 'query A { failing } query B { failing }', variables: {} })).toBeUndefined();
  });
});

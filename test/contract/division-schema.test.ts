import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../common/repo-root';
import { buildDivisionSchema } from '../../subgraphs/division/src/schema';

/**
 * What the gateway's division router assumes of the division subgraph
 * (gateway/src/routing/division-routing.ts), checked on the schema the code
 * builds: a root field names its division in a `division` argument (or `code`,
 * for `division(code:)`); a query field without one is a list every division
 * adds to; a mutation always names its division; and every entity's key holds
 * the division, so each `_entities` representation says where it goes.
 */

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildDivisionSchema();
});

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

function divisionArgument(field: GraphQLField<unknown, unknown>): string | undefined {
  const names = field.args.map((argument) => argument.name);
  if (names.includes('division')) return 'division';
  if (field.name === 'division' && names.includes('code')) return 'code';
  return undefined;
}

function rootFields(kind: 'Query' | 'Mutation'): Array<GraphQLField<unknown, unknown>> {
  const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(type?.getFields() ?? {}).filter((field) => !FEDERATION_FIELDS.has(field.name));
}

/** The `@key(fields: …)` of every entity type, read from the type's AST. */
function entityKeys(): Array<{ type: string; fields: string[] }> {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) =>
      [type.astNode, ...(type.extensionASTNodes ?? [])].flatMap((node) =>
        (node?.directives ?? [])
          .filter((directive) => directive.name.value === 'key')
          .map((directive) => {
            const value = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
            return { type: type.name, fields: value?.kind === 'StringValue' ? value.value.split(/\s+/).filter(Boolean) : [] };
          }),
      ),
    );
}

describe('the division contract, as the routing assumes it', () => {
  it('every mutation takes a non-null division argument', () => {
    const mutations = rootFields('Mutation');
    expect(mutations.length).toBeGreaterThan(5);
    const without = mutations.filter((field) => {
      const argument = field.args.find((candidate) => candidate.name === divisionArgument(field));
      return !argument || !isNonNullType(argument.type) || getNamedType(argument.type).name !== 'ID';
    });
    expect(without.map((field) => field.name)).toEqual([]);
  });

  it('every query field takes division (or code, for division(code:)), or is a list every division adds to', () => {
    const queries = rootFields('Query');
    expect(queries.map((field) => field.name)).toContain('division');
    const unroutable = queries.filter((field) => {
      if (divisionArgument(field)) return false;
      const type = isNonNullType(field.type) ? field.type.ofType : field.type;
      return !isListType(type);
    });
    expect(unroutable.map((field) => field.name)).toEqual([]);
  });

  it("every entity key holds the division (Division's own key is its code)", () => {
    const keys = entityKeys();
    expect(keys.map((key) => key.type)).toEqual(expect.arrayContaining(['Division', 'Target', 'Inspector', 'CheckItem']));
    const without = keys.filter((key) => !(key.fields.includes('division') || (key.type === 'Division' && key.fields.join(' ') === 'code')));
    expect(without).toEqual([]);
  });

  it('names the division through @OwnDivision in every resolver, which refuses another division before the resolver runs', () => {
    // A resolver declaring the argument itself with @Arg would also have to remember the check.
    const files = sourceFiles(join(repoRoot(), 'subgraphs/division/src')).filter((file) => file.endsWith('.resolver.ts'));
    const declaredByHand = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@Arg\(\s*'(division|code)'/g)].map((match) => `${relative(repoRoot(), file)}: @Arg('${match[1]}')`),
    );
    expect(declaredByHand).toEqual([]);
    const uses = files.reduce((count, file) => count + (readFileSync(file, 'utf8').match(/@OwnDivision\(/g)?.length ?? 0), 0);
    const routed = [...rootFields('Mutation'), ...rootFields('Query')].filter((field) => divisionArgument(field));
    expect(uses).toBe(routed.length);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

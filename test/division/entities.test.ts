import type { DivisionService } from '../../subgraphs/division/src/app';
import { errorCodes, viewers } from '../support/graphql';
import { countStatements, startTestDivision } from '../support/services';
import { as, hotel, IMPORT_TARGETS, inspector, SAVE_INSPECTOR, setUpZa, uscc } from './fixtures';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Target { uscc name } ... on Inspector { id name } ... on CheckItem { code name } ... on Division { code name } } }`;

let za: DivisionService;

beforeAll(async () => {
  za = await startTestDivision({ code: 'ZA' });
  await setUpZa(za.url);
  const admin = viewers.divisionAdmin('ZA');
  await as(za.url, admin, IMPORT_TARGETS, { division: 'ZA', rows: Array.from({ length: 60 }, (_, i) => hotel(i + 1)) });
  for (let n = 1; n <= 30; n++) await as(za.url, admin, SAVE_INSPECTOR, { division: 'ZA', input: inspector(n) });
});

afterAll(() => za.stop());

function representations(count: number) {
  const list: Array<Record<string, string>> = [];
  for (let i = 1; i <= count; i++) {
    list.push({ __typename: 'Target', division: 'ZA', uscc: uscc(i) });
    list.push({ __typename: 'Inspector', division: 'ZA', id: `ZA-${String((i % 30) + 1).padStart(4, '0')}` });
    list.push({ __typename: 'CheckItem', division: 'ZA', code: i % 2 ? 'ZA-001' : 'ZA-002' });
  }
  return list;
}

describe('_entities batching', () => {
  it('resolves references in order, with null for unknown keys', async () => {
    const result = await as(za.url, viewers.service('gateway'), ENTITIES, {
      representations: [
        { __typename: 'Target', division: 'ZA', uscc: uscc(2) },
        { __typename: 'Target', division: 'ZA', uscc: uscc(999) },
        { __typename: 'Division', code: 'ZA' },
        { __typename: 'Inspector', division: 'ZA', id: 'ZA-0003' },
        { __typename: 'Target', division: 'ZA', uscc: uscc(1) },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { uscc: uscc(2), name: '许昌市魏都区第2宾馆有限公司' },
      null,
      { code: 'ZA', name: '治安管理支队' },
      { id: 'ZA-0003', name: '检查员3号' },
      { uscc: uscc(1), name: '许昌市魏都区第1宾馆有限公司' },
    ]);
  });

  it('costs one SQL statement per entity type, whatever the number of references', async () => {
    const small = await countStatements(za, () => as(za.url, viewers.coordinator, ENTITIES, { representations: representations(2) }));
    let result: any;
    const large = await countStatements(za, async () => {
      result = await as(za.url, viewers.coordinator, ENTITIES, { representations: representations(50) });
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(150);
    expect(result.data._entities.every((entity: unknown) => entity !== null)).toBe(true);
    expect(small.count).toBe(3);
    expect(large.count).toBe(3);
  });

  it('keeps directory records from the public and from analysts, even by reference', async () => {
    const reps = [{ __typename: 'Inspector', division: 'ZA', id: 'ZA-0001' }];
    expect(errorCodes(await as(za.url, viewers.anonymous, ENTITIES, { representations: reps }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await as(za.url, viewers.analyst, ENTITIES, { representations: reps }))).toEqual(['FORBIDDEN']);
    const item = await as(za.url, viewers.anonymous, ENTITIES, { representations: [{ __typename: 'CheckItem', division: 'ZA', code: 'ZA-001' }] });
    expect(item.data._entities).toEqual([{ code: 'ZA-001', name: '旅馆业治安管理检查' }]);
  });
});

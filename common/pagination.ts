import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';
import { hasForbiddenCharacter } from './text';

/** Relay-style paging: `first` defaults to 50 and accepts up to 500. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`每页条数应在 0 到 ${MAX_PAGE_SIZE} 之间 (first must be between 0 and ${MAX_PAGE_SIZE})`, 'first');
  }
  return first;
}

/** Cursors are opaque to clients; inside they carry the sort key of the last row seen. */
export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  // Keys this service issues are stored values: never a control character, never undecodable bytes.
  if (!decoded.startsWith('k:') || hasForbiddenCharacter(decoded) || decoded.includes('\ufffd'))
    throw badInput('翻页游标无效 (the cursor is not one this service issued)', 'after');
  return decoded.slice(2);
}

/** A cursor whose key is a row number: anything else is refused as a bad cursor, never sent to the database. */
export function decodeIntegerCursor(cursor: string | null | undefined): number | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  if (!/^\d{1,15}$/.test(key)) throw badInput('翻页游标无效 (the cursor is not one this service issued)', 'after');
  return Number(key);
}

/** Shared by every subgraph that pages, hence `@shareable`. */
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a page from rows fetched with `limit + 1`, so the extra row tells whether another page follows. */
export function toPage<T>(rows: T[], limit: number, totalCount: number, keyOf: (row: T) => string): Page<T> {
  const visible = rows.slice(0, limit);
  const edges = visible.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount,
  };
}

/** Declares a connection type `<Name>Connection` with its edge type for a node class. */
export function connectionTypes<T>(name: string, nodeType: new () => T, options: { shareable?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }

  // A connection served by several subgraphs must be declared shareable in each.
  if (options.shareable) {
    Directive('@shareable')(Edge);
    Directive('@shareable')(Connection);
  }
  return { Edge, Connection };
}

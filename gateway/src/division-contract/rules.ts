/**
 * 部门系统接入规范 — the division contract as executable rules. Every rule has
 * the id `docs/division-contract.md` gives it; `npm run conformance` runs them
 * against a running system and the gateway runs the admission rules before a
 * new division instance gets traffic.
 *
 * The rules are what the gateway and the joint subgraph really rely on: the
 * gateway compares the announced schema with its own and routes by the
 * division in keys and arguments, puts `_entities` answers back by index, and
 * signs every request; the joint subgraph reads item lists and draw pools as a
 * service and trusts their exact shape. Read-only rules are safe against a
 * production system; the `write` rules change data and run only when asked.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type CanonicalValue } from '../../../common/canonical-json';
import type { Viewer } from '../../../common/viewer';
import { withUsccCheckCharacter } from '../../../common/uscc';
import { ContractClient, describe, errorCodes, type ContractResponse, type TokenFlavour } from './client';
import { sdlDifferences } from './sdl-differences';

/** When a rule runs: on admission (cheap, before traffic), always (read-only), or only with `--write`. */
export type RulePhase = 'admission' | 'read' | 'write';

export interface RuleDefinition {
  id: string;
  title: string;
  phase: RulePhase;
  check: (context: ContractContext) => Promise<Verdict>;
}

export type Verdict = { ok: true; note?: string } | { ok: false; expected: string; got: string } | { skip: string };

export interface RuleResult {
  id: string;
  title: string;
  outcome: 'pass' | 'fail' | 'skip';
  expected?: string;
  got?: string;
  note?: string;
}

const pass = (note?: string): Verdict => (note ? { ok: true, note } : { ok: true });
const fail = (expected: string, got: string): Verdict => ({ ok: false, expected, got });

/** Thrown inside a check to fail it with a message; anything else thrown fails it with the error. */
class RuleFailure extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${expected} / ${got}`);
  }
}

function ensure(condition: boolean, expected: string, got: () => string): asserts condition {
  if (!condition) throw new RuleFailure(expected, got());
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// ── who asks ────────────────────────────────────────────────────────────────

export function contractViewers(division: string, other: string) {
  return {
    gateway: { sub: 'gateway', name: 'gateway', roles: [], service: 'gateway' } as Viewer,
    joint: { sub: 'joint', name: 'joint', roles: [], service: 'joint' } as Viewer,
    anonymous: { sub: 'anonymous', name: '公众', roles: [] } as Viewer,
    coordinator: { sub: 'conformance-coordinator', name: '接入检查 协调员', roles: ['coordinator'] } as Viewer,
    supervisor: { sub: 'conformance-supervisor', name: '接入检查 督查', roles: ['supervisor'] } as Viewer,
    adminOwn: { sub: `conformance-admin-${division}`, name: `接入检查 ${division} 管理员`, roles: ['division_admin'], division } as Viewer,
    adminOther: { sub: `conformance-admin-${other}`, name: `接入检查 ${other} 管理员`, roles: ['division_admin'], division: other } as Viewer,
  };
}

// ── what the rules read from the system once ─────────────────────────────────

interface TargetFact {
  uscc: string;
  name: string;
  categories: string[];
  status: string;
}

interface InspectorFact {
  id: string;
  active: boolean;
  expertise: string[];
  certificateValidUntil: string;
  conflicts: string[];
}

interface ItemFact {
  code: string;
  targetCategory: string;
  active: boolean;
}

interface Facts {
  name: string;
  items: ItemFact[];
  targets: TargetFact[];
  inspectors: InspectorFact[];
}

export interface ContractOptions {
  url: string;
  division: string;
  contextSecret: string;
  /** The division schema the gateway plans with (schema/division.graphql); without one, any announced schema passes SCHEMA-1. */
  expectedSdl?: string;
  timeoutMs?: number;
}

export class ContractContext {
  readonly client: ContractClient;
  readonly division: string;
  /** A code that is not this system's, for the refusals. */
  readonly other: string;
  readonly viewers: ReturnType<typeof contractViewers>;
  private facts?: Promise<Facts>;

  constructor(readonly options: ContractOptions) {
    this.client = new ContractClient(options.url, options.contextSecret, options.timeoutMs);
    this.division = options.division;
    this.other = options.division === 'XX' ? 'XY' : 'XX';
    this.viewers = contractViewers(this.division, this.other);
  }

  /** A GraphQL answer that must have no errors; fails the rule otherwise. */
  async data<T = Record<string, unknown>>(viewer: Viewer, query: string, variables: Record<string, unknown> = {}, what = 'the query'): Promise<T> {
    const response = await this.client.post(viewer, query, variables);
    ensure(response.status === 200 && !!response.body?.data && !response.body.errors?.length, `${what} answered with data and no errors`, () =>
      response.status === 401
        ? `${describe(response)} — a signed request was refused: does the system verify with the same CONTEXT_SECRET?`
        : describe(response),
    );
    return response.body!.data as T;
  }

  /** The directory as a coordinator sees it, read once and shared by the rules. */
  known(): Promise<Facts> {
    this.facts ??= this.readFacts();
    return this.facts;
  }

  private async readFacts(): Promise<Facts> {
    const { division } = await this.data<{ division: { name: string; checklist: ItemFact[] } | null }>(
      this.viewers.joint,
      'query Facts($code: ID!) { division(code: $code) { name checklist(includeInactive: true) { code targetCategory active } } }',
      { code: this.division },
      'reading the item list as the joint subgraph',
    );
    ensure(division !== null, `division(code: "${this.division}") to answer`, () => 'null');
    const targets = await this.pages<TargetFact>('targets', 'uscc name categories status', {});
    const inspectors = (
      await this.pages<Omit<InspectorFact, 'conflicts'> & { conflicts: Array<{ uscc: string }> }>(
        'inspectors',
        'id active expertise certificateValidUntil conflicts { uscc }',
        {},
      )
    ).map((inspector) => ({ ...inspector, conflicts: inspector.conflicts.map((conflict) => conflict.uscc) }));
    return { name: division.name, items: division.checklist, targets, inspectors };
  }

  /** Every entry of a directory under a filter, page by page (at most `cap` entries). */
  async pages<T>(field: 'targets' | 'inspectors', selection: string, filter: Record<string, unknown>, cap = 20_000): Promise<T[]> {
    const entries: T[] = [];
    let after: string | null = null;
    const args = Object.keys(filter)
      .map((name) => `, ${name}: $${name}`)
      .join('');
    const types: Record<string, string> = { category: 'String', status: 'TargetStatus', active: 'Boolean' };
    const declared = Object.keys(filter)
      .map((name) => `, $${name}: ${types[name]}`)
      .join('');
    for (;;) {
      const data: { division: { page: { edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await this.data(
        this.viewers.coordinator,
        `query Page($code: ID!, $after: String${declared}) { division(code: $code) { page: ${field}(first: 500, after: $after${args}) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } } }`,
        { code: this.division, after, ...filter },
        `reading ${field} as a coordinator`,
      );
      entries.push(...data.division.page.edges.map((edge) => edge.node));
      if (!data.division.page.pageInfo.hasNextPage || entries.length >= cap) return entries;
      after = data.division.page.pageInfo.endCursor;
    }
  }
}

// ── helpers for expectations ─────────────────────────────────────────────────

function refusedWith(response: ContractResponse, code: string): boolean {
  return errorCodes(response).includes(code);
}

/** A refusal before the schema is reached: HTTP 401, code UNAUTHENTICATED, no data. */
function isTransportRefusal(response: ContractResponse): boolean {
  return response.status === 401 && errorCodes(response)[0] === 'UNAUTHENTICATED' && (response.body?.data === undefined || response.body?.data === null);
}

function list(values: readonly string[], limit = 5): string {
  if (values.length === 0) return '(none)';
  return values.length > limit ? `${values.slice(0, limit).join(', ')} … (${values.length} in all)` : values.join(', ');
}

const storedList = (labels: readonly string[]) => `|${labels.join('|')}|`;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

// ── the rules ────────────────────────────────────────────────────────────────

const SERVICE_SDL = '{ _service { sdl } }';

function refusalRule(id: string, title: string, flavour: Exclude<TokenFlavour, 'valid'>, phase: RulePhase = 'read'): RuleDefinition {
  return {
    id,
    title,
    phase,
    async check(context) {
      const queries = [SERVICE_SDL, `{ division(code: "${context.division}") { code name } }`];
      for (const query of queries) {
        const response = await context.client.postWith(flavour, context.viewers.gateway, query);
        if (!isTransportRefusal(response)) return fail(`HTTP 401 with errors[0].extensions.code UNAUTHENTICATED and no data, for ${query}`, describe(response));
      }
      return pass();
    },
  };
}

export const RULES: RuleDefinition[] = [
  {
    id: 'HEALTH-1',
    title: 'GET /health beside the GraphQL path answers 200 without a token',
    phase: 'admission',
    async check(context) {
      const url = context.client.healthUrl();
      const response = await context.client.get(url);
      return response.status === 200 ? pass() : fail(`GET ${url} → HTTP 200`, describe(response));
    },
  },
  {
    id: 'HEALTH-2',
    title: "the gateway's health check { __typename } answers Query",
    phase: 'read',
    async check(context) {
      const data = await context.data<{ __typename: string }>(context.viewers.gateway, 'query __ApolloServiceHealthCheck__ { __typename }');
      return data.__typename === 'Query' ? pass() : fail('__typename "Query"', JSON.stringify(data));
    },
  },
  {
    id: 'SCHEMA-1',
    title: '_service { sdl } is exactly schema/division.graphql',
    phase: 'admission',
    async check(context) {
      const data = await context.data<{ _service: { sdl: string | null } }>(context.viewers.gateway, SERVICE_SDL, {}, '_service { sdl }');
      const sdl = data._service?.sdl;
      if (typeof sdl !== 'string') return fail('a string in _service.sdl', JSON.stringify(data));
      if (context.options.expectedSdl === undefined) return pass('no committed division schema to compare with');
      const differences = sdlDifferences(context.options.expectedSdl, sdl);
      return differences.length === 0 ? pass() : fail('the committed division schema, text for text', differences.join('; '));
    },
  },
  { ...refusalRule('AUTH-1', 'a request without x-ssj-context is refused: HTTP 401, UNAUTHENTICATED', 'none'), phase: 'admission' },
  refusalRule('AUTH-2', 'a context token signed with another key is refused (401)', 'foreign-key'),
  refusalRule('AUTH-3', 'an expired context token is refused (401)', 'expired'),
  refusalRule('AUTH-4', 'a context token for another audience is refused (401)', 'wrong-audience'),
  refusalRule('AUTH-5', 'an unsigned token (alg: none) is refused (401)', 'alg-none'),
  {
    id: 'AUTH-6',
    title: 'context tokens of the gateway and of the joint subgraph are accepted',
    phase: 'read',
    async check(context) {
      for (const viewer of [context.viewers.gateway, context.viewers.joint]) {
        const response = await context.client.post(viewer, SERVICE_SDL);
        if (response.status !== 200 || !response.body?.data) return fail(`HTTP 200 with data for the ${viewer.service} service`, describe(response));
      }
      return pass();
    },
  },
  {
    id: 'ROOT-1',
    title: 'division(code: own) answers the division with its code and name',
    phase: 'read',
    async check(context) {
      const data = await context.data<{ division: { code: string; name: string } | null }>(
        context.viewers.anonymous,
        'query($code: ID!) { division(code: $code) { code name } }',
        { code: context.division },
      );
      const ok = data.division?.code === context.division && typeof data.division.name === 'string' && data.division.name.trim() !== '';
      return ok ? pass() : fail(`{ code: "${context.division}", name: (not empty) }`, JSON.stringify(data.division));
    },
  },
  {
    id: 'ROOT-2',
    title: 'division(code: another) is null with UNKNOWN_DIVISION naming that code',
    phase: 'read',
    async check(context) {
      const response = await context.client.post(context.viewers.anonymous, 'query($code: ID!) { division(code: $code) { code } }', { code: context.other });
      const error = response.body?.errors?.find((candidate) => candidate.extensions?.code === 'UNKNOWN_DIVISION');
      const ok = (response.body?.data?.division ?? null) === null && error?.extensions?.division === context.other;
      return ok ? pass() : fail(`division: null and an error with extensions { code: UNKNOWN_DIVISION, division: "${context.other}" }`, describe(response));
    },
  },
  {
    id: 'ROOT-3',
    title: 'divisions lists exactly this division',
    phase: 'read',
    async check(context) {
      const data = await context.data<{ divisions: Array<{ code: string }> }>(context.viewers.anonymous, '{ divisions { code } }');
      const codes = data.divisions.map((division) => division.code);
      return codes.length === 1 && codes[0] === context.division ? pass() : fail(`[${context.division}]`, `[${codes.join(', ')}]`);
    },
  },
  {
    id: 'ENT-1',
    title: '_entities answers one entry per representation, in the order sent, duplicates included',
    phase: 'read',
    async check(context) {
      const facts = await context.known();
      const representations: Array<Record<string, string>> = [{ __typename: 'Division', code: context.division }];
      const [first, second] = facts.targets;
      if (first) representations.unshift({ __typename: 'Target', division: context.division, uscc: first.uscc });
      if (facts.items[0]) representations.push({ __typename: 'CheckItem', division: context.division, code: facts.items[0].code });
      if (facts.inspectors[0]) representations.push({ __typename: 'Inspector', division: context.division, id: facts.inspectors[0].id });
      if (second) representations.push({ __typename: 'Target', division: context.division, uscc: second.uscc });
      if (first) representations.push({ __typename: 'Target', division: context.division, uscc: first.uscc });
      representations.push({ __typename: 'Division', code: context.division });
      const answer = await entities(context, context.viewers.coordinator, representations);
      const want = representations.map(keyText);
      const got = answer.map((entity) => (entity === null ? 'null' : keyText(entity)));
      const note = representations.length < 4 ? 'the directories are nearly empty: only a few entities could be asked for' : undefined;
      return want.join(' | ') === got.join(' | ') ? pass(note) : fail(`[${want.join(', ')}]`, `[${got.join(', ')}]`);
    },
  },
  {
    id: 'ENT-2',
    title: '_entities answers null, without an error, for a key it does not hold',
    phase: 'read',
    async check(context) {
      const missing = [
        { __typename: 'Target', division: context.division, uscc: withUsccCheckCharacter('91000000MA0000000') },
        { __typename: 'CheckItem', division: context.division, code: 'CONFORMANCE-NO-SUCH-ITEM' },
        { __typename: 'Inspector', division: context.division, id: 'CONFORMANCE-NO-SUCH-ID' },
      ];
      for (const representation of missing) {
        const response = await context.client.post(context.viewers.coordinator, ENTITIES_QUERY, { representations: [representation] });
        const list = response.body?.data?._entities;
        const ok = response.status === 200 && Array.isArray(list) && list.length === 1 && list[0] === null && !response.body?.errors?.length;
        if (!ok) return fail(`_entities: [null] and no errors for the unknown ${representation.__typename} ${keyText(representation)}`, describe(response));
      }
      return pass();
    },
  },
  {
    id: 'ENT-3',
    title: "_entities answers null for another division's keys",
    phase: 'read',
    async check(context) {
      const facts = await context.known();
      const representations: Array<Record<string, string>> = [{ __typename: 'Division', code: context.other }];
      if (facts.targets[0]) representations.push({ __typename: 'Target', division: context.other, uscc: facts.targets[0].uscc });
      if (facts.items[0]) representations.push({ __typename: 'CheckItem', division: context.other, code: facts.items[0].code });
      if (facts.inspectors[0]) representations.push({ __typename: 'Inspector', division: context.other, id: facts.inspectors[0].id });
      const answer = await entities(context, context.viewers.coordinator, representations);
      const got = answer.map((entity) => (entity === null ? 'null' : keyText(entity)));
      return got.every((entry) => entry === 'null') ? pass() : fail(`[${representations.map(() => 'null').join(', ')}]`, `[${got.join(', ')}]`);
    },
  },
  {
    id: 'LIST-1',
    title: 'anyone reads the active item list; inactive items need a signed-in viewer (UNAUTHENTICATED)',
    phase: 'read',
    async check(context) {
      const data = await context.data<{ division: { checklist: Array<{ division: string; code: string; active: boolean }> } }>(
        context.viewers.anonymous,
        'query($code: ID!) { division(code: $code) { checklist { division code active } } }',
        { code: context.division },
        'the public item list',
      );
      const wrong = data.division.checklist.filter((item) => !item.active || item.division !== context.division);
      ensure(
        wrong.length === 0,
        `only active items of ${context.division}`,
        () => `also ${list(wrong.map((item) => `${item.division}/${item.code} active=${item.active}`))}`,
      );
      const refused = await context.client.post(
        context.viewers.anonymous,
        'query($code: ID!) { division(code: $code) { checklist(includeInactive: true) { code } } }',
        { code: context.division },
      );
      return refusedWith(refused, 'UNAUTHENTICATED')
        ? pass()
        : fail('checklist(includeInactive: true) refused to the public with UNAUTHENTICATED', describe(refused));
    },
  },
  {
    id: 'LIST-2',
    title: 'the joint subgraph reads the whole item list with the fields a task freezes',
    phase: 'read',
    async check(context) {
      const data = await context.data<{ division: { name: string; checklist: Array<Record<string, unknown>> } }>(
        context.viewers.joint,
        'query Checklist($code: ID!) { division(code: $code) { name checklist(includeInactive: true) { code name ratioBp targetCategory requiredExpertise active } } }',
        { code: context.division },
        "the joint subgraph's item query",
      );
      const bad = data.division.checklist.filter(
        (item) =>
          typeof item.code !== 'string' ||
          typeof item.name !== 'string' ||
          !Number.isInteger(item.ratioBp) ||
          (item.ratioBp as number) < 0 ||
          (item.ratioBp as number) > 10000 ||
          typeof item.targetCategory !== 'string' ||
          typeof item.active !== 'boolean',
      );
      return bad.length === 0
        ? pass()
        : fail('every item with code, name, ratioBp 0–10000, targetCategory and active', `not so: ${list(bad.map((item) => JSON.stringify(item)))}`);
    },
  },
  {
    id: 'ACCESS-1',
    title: 'directories are refused to the public with UNAUTHENTICATED',
    phase: 'read',
    async check(context) {
      for (const field of ['targets', 'inspectors']) {
        const response = await context.client.post(
          context.viewers.anonymous,
          `query($code: ID!) { division(code: $code) { ${field}(first: 1) { totalCount } } }`,
          {
            code: context.division,
          },
        );
        if (!refusedWith(response, 'UNAUTHENTICATED') || JSON.stringify(response.body?.data ?? null).includes('totalCount'))
          return fail(`${field} refused to an anonymous viewer with UNAUTHENTICATED and no value`, describe(response));
      }
      return pass();
    },
  },
  {
    id: 'ACCESS-2',
    title: "another division's administrator is refused the directories with FORBIDDEN",
    phase: 'read',
    async check(context) {
      for (const field of ['targets', 'inspectors']) {
        const response = await context.client.post(
          context.viewers.adminOther,
          `query($code: ID!) { division(code: $code) { ${field}(first: 1) { totalCount } } }`,
          {
            code: context.division,
          },
        );
        if (!refusedWith(response, 'FORBIDDEN') || JSON.stringify(response.body?.data ?? null).includes('totalCount'))
          return fail(`${field} refused to a division_admin of ${context.other} with FORBIDDEN and no value`, describe(response));
      }
      return pass();
    },
  },
  {
    id: 'ACCESS-3',
    title: "the division's own administrator and a coordinator read the directories",
    phase: 'read',
    async check(context) {
      for (const viewer of [context.viewers.adminOwn, context.viewers.coordinator]) {
        await context.data(
          viewer,
          'query($code: ID!) { division(code: $code) { targets(first: 1) { totalCount } inspectors(first: 1) { totalCount } } }',
          { code: context.division },
          `the directories for ${viewer.roles.join(',')}`,
        );
      }
      return pass();
    },
  },
  {
    id: 'PAGE-1',
    title: 'first defaults to 50 and accepts 0–500; 501 and -1 are BAD_USER_INPUT',
    phase: 'read',
    async check(context) {
      const page = (first: number | null) =>
        context.client.post(
          context.viewers.coordinator,
          'query($code: ID!, $first: Int) { division(code: $code) { targets(first: $first) { totalCount edges { cursor } pageInfo { hasNextPage } } } }',
          { code: context.division, first },
        );
      const plain = await page(null);
      const targets = (plain.body?.data?.division as { targets?: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } } } | undefined)
        ?.targets;
      ensure(!!targets, 'targets without first to answer', () => describe(plain));
      const expected = Math.min(50, targets.totalCount);
      ensure(targets.edges.length === expected, `${expected} edges without first (totalCount ${targets.totalCount})`, () => `${targets.edges.length} edges`);
      ensure(targets.pageInfo.hasNextPage === targets.totalCount > 50, `hasNextPage ${targets.totalCount > 50}`, () => String(targets.pageInfo.hasNextPage));
      for (const first of [0, 500]) {
        const response = await page(first);
        ensure(response.status === 200 && !response.body?.errors?.length, `first: ${first} accepted`, () => describe(response));
      }
      for (const first of [501, -1]) {
        const response = await page(first);
        ensure(refusedWith(response, 'BAD_USER_INPUT'), `first: ${first} refused with BAD_USER_INPUT`, () => describe(response));
      }
      return pass();
    },
  },
  {
    id: 'PAGE-2',
    title: 'after: endCursor continues exactly where the page ended; totalCount counts every match',
    phase: 'read',
    async check(context) {
      for (const [field, key] of [
        ['targets', 'uscc'],
        ['inspectors', 'id'],
      ] as const) {
        const query = `query($code: ID!, $first: Int, $after: String) { division(code: $code) { page: ${field}(first: $first, after: $after) { totalCount edges { cursor node { ${key} } } pageInfo { hasNextPage endCursor } } } }`;
        type Page = {
          totalCount: number;
          edges: Array<{ cursor: string; node: Record<string, string> }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
        const whole = (await context.data<{ division: { page: Page } }>(context.viewers.coordinator, query, { code: context.division, first: 12 })).division
          .page;
        const walked: string[] = [];
        let after: string | null = null;
        for (let step = 0; step < 6; step += 1) {
          const page: Page = (await context.data<{ division: { page: Page } }>(context.viewers.coordinator, query, { code: context.division, first: 2, after }))
            .division.page;
          ensure(
            page.totalCount === whole.totalCount,
            `${field}: totalCount ${whole.totalCount} on every page`,
            () => `${page.totalCount} on page ${step + 1}`,
          );
          ensure(
            page.pageInfo.endCursor === (page.edges.at(-1)?.cursor ?? null),
            `${field}: endCursor is the cursor of the page's last edge`,
            () => `${page.pageInfo.endCursor} (last edge ${page.edges.at(-1)?.cursor})`,
          );
          walked.push(...page.edges.map((edge) => edge.node[key]!));
          const more = walked.length < whole.totalCount;
          ensure(page.pageInfo.hasNextPage === more, `${field}: hasNextPage ${more} after ${walked.length} of ${whole.totalCount}`, () =>
            String(page.pageInfo.hasNextPage),
          );
          if (!more) break;
          after = page.pageInfo.endCursor;
        }
        const want = whole.edges.map((edge) => edge.node[key]!).slice(0, walked.length);
        ensure(walked.join(',') === want.join(','), `${field}: pages of 2 give the same entries in the same order as one page of 12: ${list(want)}`, () =>
          list(walked),
        );
      }
      return pass();
    },
  },
  {
    id: 'PAGE-3',
    title: 'a cursor the system did not issue is BAD_USER_INPUT',
    phase: 'read',
    async check(context) {
      const response = await context.client.post(
        context.viewers.coordinator,
        'query($code: ID!) { division(code: $code) { targets(after: "not-a-cursor") { totalCount } } }',
        {
          code: context.division,
        },
      );
      return refusedWith(response, 'BAD_USER_INPUT') ? pass() : fail('BAD_USER_INPUT', describe(response));
    },
  },
  {
    id: 'POOL-1',
    title: 'drawPool answers exactly the ACTIVE entries carrying one of the categories, as targets and as targetTable',
    phase: 'read',
    async check(context) {
      const facts = await context.known();
      const categories = [...new Set([...facts.items.map((item) => item.targetCategory), ...facts.targets.flatMap((target) => target.categories)])].slice(0, 3);
      const empty = await drawPool(context, []);
      ensure(
        empty.targetTable === '[]' && empty.targets.length === 0,
        'no entries for categories: []',
        () => `${empty.targets.length} targets, targetTable ${empty.targetTable.slice(0, 80)}`,
      );
      if (categories.length === 0) return pass('the directory has no categories yet: only the empty pool was checked');
      const pool = await drawPool(context, categories);
      ensure(pool.division === context.division, `division "${context.division}"`, () => JSON.stringify(pool.division));
      let rows: unknown;
      try {
        rows = JSON.parse(pool.targetTable);
      } catch {
        rows = undefined;
      }
      const wellFormed =
        Array.isArray(rows) &&
        rows.every((row) => Array.isArray(row) && row.length === 3 && row.every((value) => typeof value === 'string') && /^\|.*\|$/.test(row[2] as string));
      ensure(wellFormed, 'targetTable: a JSON array of [uscc, name, "|category|…|"] string triples', () => pool.targetTable.slice(0, 200));
      const table = (rows as string[][]).map(([uscc, name, stored]) => `${uscc} ${name} ${stored}`);
      const fields = pool.targets.map((target) => `${target.uscc} ${target.name} ${storedList(target.categories)}`);
      ensure(sameMembers(table, fields), 'targets and targetTable hold the same entries', () => `targets ${list(fields)}; targetTable ${list(table)}`);
      const directory = new Map<string, TargetFact>();
      for (const category of categories) {
        for (const target of await context.pages<TargetFact>('targets', 'uscc name categories status', { category, status: 'ACTIVE' }))
          directory.set(target.uscc, target);
      }
      const expected = [...directory.values()].map((target) => `${target.uscc} ${target.name} ${storedList(target.categories)}`);
      const missing = expected.filter((entry) => !table.includes(entry));
      const extra = table.filter((entry) => !expected.includes(entry));
      if (missing.length || extra.length) {
        return fail(
          `the ${expected.length} ACTIVE entries carrying ${categories.join(' or ')}, with their names and categories`,
          `missing ${list(missing)}; not expected ${list(extra)}`,
        );
      }
      return pass(`${expected.length} entries of ${categories.join(', ')}`);
    },
  },
  {
    id: 'POOL-2',
    title: 'drawPool lists the active inspectors with expertise, certificate date and declared conflicts',
    phase: 'read',
    async check(context) {
      const facts = await context.known();
      const pool = await drawPool(context, []);
      const describeInspector = (inspector: Omit<InspectorFact, 'active'>) =>
        `${inspector.id} [${[...inspector.expertise].sort().join('/')}] ${inspector.certificateValidUntil} conflicts[${[...inspector.conflicts].sort().join('/')}]`;
      const expected = facts.inspectors.filter((inspector) => inspector.active).map(describeInspector);
      const got = pool.inspectors.map(describeInspector);
      const missing = expected.filter((entry) => !got.includes(entry));
      const extra = got.filter((entry) => !expected.includes(entry));
      if (missing.length || extra.length)
        return fail(`the ${expected.length} active inspectors as the directory shows them`, `missing ${list(missing)}; not expected ${list(extra)}`);
      return pass(`${expected.length} inspectors`);
    },
  },
  {
    id: 'POOL-3',
    title: 'directoryStats counts the ACTIVE entries per category and the active inspectors',
    phase: 'read',
    async check(context) {
      const facts = await context.known();
      const categories = [...new Set(facts.items.map((item) => item.targetCategory))].slice(0, 4);
      const data = await context.data<{
        directoryStats: { division: string; categories: Array<{ category: string; active: number }>; activeInspectors: number };
      }>(
        context.viewers.joint,
        'query Stats($division: ID!, $categories: [String!]!) { directoryStats(division: $division, categories: $categories) { division categories { category active } activeInspectors } }',
        { division: context.division, categories },
        'directoryStats as the joint subgraph',
      );
      const expected = await Promise.all(
        categories.map(async (category) => {
          const { division } = await context.data<{ division: { targets: { totalCount: number } } }>(
            context.viewers.coordinator,
            'query($code: ID!, $category: String) { division(code: $code) { targets(first: 0, category: $category, status: ACTIVE) { totalCount } } }',
            { code: context.division, category },
          );
          return `${category}=${division.targets.totalCount}`;
        }),
      );
      const got = data.directoryStats.categories.map((entry) => `${entry.category}=${entry.active}`);
      ensure(got.join(', ') === expected.join(', '), `categories in the order asked: ${expected.join(', ')}`, () => got.join(', '));
      const active = facts.inspectors.filter((inspector) => inspector.active).length;
      ensure(data.directoryStats.activeInspectors === active, `activeInspectors ${active}`, () => String(data.directoryStats.activeInspectors));
      return data.directoryStats.division === context.division ? pass() : fail(`division "${context.division}"`, JSON.stringify(data.directoryStats.division));
    },
  },
  {
    id: 'POOL-4',
    title: 'pool queries are for services only (FORBIDDEN to users) and for this division only (UNKNOWN_DIVISION)',
    phase: 'read',
    async check(context) {
      const asUser = await context.client.post(context.viewers.coordinator, POOL_QUERY, { division: context.division, categories: [] });
      ensure(refusedWith(asUser, 'FORBIDDEN'), 'drawPool refused to a coordinator with FORBIDDEN', () => describe(asUser));
      const stats = await context.client.post(
        context.viewers.supervisor,
        'query($division: ID!) { directoryStats(division: $division, categories: []) { activeInspectors } }',
        { division: context.division },
      );
      ensure(refusedWith(stats, 'FORBIDDEN'), 'directoryStats refused to a supervisor with FORBIDDEN', () => describe(stats));
      const other = await context.client.post(context.viewers.joint, POOL_QUERY, { division: context.other, categories: [] });
      ensure(refusedWith(other, 'UNKNOWN_DIVISION'), `drawPool(division: "${context.other}") refused with UNKNOWN_DIVISION`, () => describe(other));
      return pass();
    },
  },
  {
    id: 'AUDIT-1',
    title: 'auditChain reports an intact chain to supervisors only',
    phase: 'read',
    async check(context) {
      const query = 'query($code: ID!) { division(code: $code) { auditChain { ok length firstBrokenAt } auditTrail(first: 0) { totalCount } } }';
      const data = await context.data<{
        division: { auditChain: { ok: boolean; length: number; firstBrokenAt: number | null }; auditTrail: { totalCount: number } };
      }>(context.viewers.supervisor, query, { code: context.division }, 'auditChain for a supervisor');
      const chain = data.division.auditChain;
      ensure(chain.ok && chain.firstBrokenAt === null, 'ok: true, firstBrokenAt: null', () => JSON.stringify(chain));
      ensure(chain.length === data.division.auditTrail.totalCount, `length = auditTrail.totalCount (${data.division.auditTrail.totalCount})`, () =>
        String(chain.length),
      );
      for (const [viewer, code] of [
        [context.viewers.coordinator, 'FORBIDDEN'],
        [context.viewers.anonymous, 'UNAUTHENTICATED'],
      ] as const) {
        const response = await context.client.post(viewer, 'query($code: ID!) { division(code: $code) { auditChain { ok } } }', { code: context.division });
        ensure(refusedWith(response, code), `auditChain refused to ${viewer.roles[0] ?? 'the public'} with ${code}`, () => describe(response));
      }
      return pass(`${chain.length} entries`);
    },
  },
  {
    id: 'AUDIT-2',
    title: 'auditTrail entries are newest first, each hash = SHA-256 of its canonical JSON, each prevHash the hash before',
    phase: 'read',
    async check(context) {
      const trail = await auditTrail(context, 50);
      if (trail.entries.length === 0) return pass('the chain is empty');
      ensure(trail.entries[0]!.seq === trail.length, `the newest entry has seq ${trail.length} (the chain's length)`, () => String(trail.entries[0]!.seq));
      for (const [index, entry] of trail.entries.entries()) {
        const { hash, ...shown } = entry;
        // The API shows `at` in Shanghai time to the millisecond; the hash covers the same instant in UTC.
        const instant = Date.parse(shown.at);
        ensure(
          !Number.isNaN(instant) && /\.\d{3}(Z|[+-]\d{2}:\d{2})$/.test(shown.at),
          `entry ${entry.seq}: at is an ISO 8601 instant to the millisecond`,
          () => shown.at,
        );
        // Fields added later (actorName, changes, refusal) are hashed only when they hold a value, so older entries keep their hash.
        const fields = Object.fromEntries(
          Object.entries({ ...shown, at: new Date(instant).toISOString() }).filter(([key, value]) => !OPTIONAL_HASHED.has(key) || value !== null),
        );
        const computed = sha256(canonicalJson(fields as unknown as CanonicalValue));
        ensure(
          computed === hash,
          `entry ${entry.seq}: hash ${computed}`,
          () => `${hash} (of ${canonicalJson(fields as unknown as CanonicalValue).slice(0, 160)}…)`,
        );
        const older = trail.entries[index + 1];
        if (older) {
          ensure(older.seq === entry.seq - 1, `entry after ${entry.seq} has seq ${entry.seq - 1}`, () => String(older.seq));
          ensure(entry.prevHash === older.hash, `entry ${entry.seq}: prevHash = hash of entry ${older.seq}`, () => `${entry.prevHash} ≠ ${older.hash}`);
        } else if (entry.seq === 1) {
          ensure(entry.prevHash === '0'.repeat(64), 'entry 1: prevHash of 64 zeros', () => entry.prevHash);
        }
      }
      return pass(`${trail.entries.length} newest entries verified`);
    },
  },
  {
    id: 'WRITE-1',
    title: "the division's administrator saves an item; one audit entry records it with actor, request id and input digest",
    phase: 'write',
    async check(context) {
      const before = await auditTrail(context, 1);
      const input = conformanceItem(context.division);
      const requestId = `conformance-write-${Date.now()}`;
      const response = await context.client.post(context.viewers.adminOwn, SAVE_ITEM, { division: context.division, input }, requestId);
      const saved = response.body?.data?.saveCheckItem as { code?: string; active?: boolean } | undefined;
      ensure(saved?.code === input.code && saved.active === false, `saveCheckItem answers the saved item ${input.code}`, () => describe(response));
      const after = await auditTrail(context, 1);
      ensure(after.length === before.length + 1, `the chain grows by one entry (to ${before.length + 1})`, () => String(after.length));
      const entry = after.entries[0]!;
      const expected = {
        action: entry.action === 'updateCheckItem' ? 'updateCheckItem' : 'createCheckItem',
        subject: `item:${input.code}`,
        division: context.division,
        actor: context.viewers.adminOwn.sub,
        role: 'division_admin',
        requestId,
        inputDigest: sha256(canonicalJson(input as unknown as CanonicalValue)),
      };
      const got = Object.fromEntries(Object.keys(expected).map((key) => [key, entry[key as keyof AuditFieldsView]]));
      ensure(JSON.stringify(got) === JSON.stringify(expected), JSON.stringify(expected), () => JSON.stringify(got));
      return pass();
    },
  },
  {
    id: 'WRITE-2',
    title: 'a change naming another division is refused with UNKNOWN_DIVISION and stores nothing',
    phase: 'write',
    async check(context) {
      const input = { ...conformanceItem(context.division), code: `${context.division}-CONF-OTHER-${Date.now().toString(36).toUpperCase()}` };
      const response = await context.client.post(context.viewers.adminOwn, SAVE_ITEM, { division: context.other, input });
      ensure(refusedWith(response, 'UNKNOWN_DIVISION'), 'UNKNOWN_DIVISION', () => describe(response));
      return (await hasItem(context, input.code)) ? fail(`no item ${input.code}`, 'it was stored') : pass();
    },
  },
  {
    id: 'WRITE-3',
    title: "another division's administrator is refused changes with FORBIDDEN, nothing stored",
    phase: 'write',
    async check(context) {
      const input = { ...conformanceItem(context.division), code: `${context.division}-CONF-DENIED-${Date.now().toString(36).toUpperCase()}` };
      const response = await context.client.post(context.viewers.adminOther, SAVE_ITEM, { division: context.division, input });
      ensure(refusedWith(response, 'FORBIDDEN'), 'FORBIDDEN', () => describe(response));
      return (await hasItem(context, input.code)) ? fail(`no item ${input.code}`, 'it was stored') : pass();
    },
  },
  {
    id: 'WRITE-4',
    title: 'a target whose USCC fails the GB 32100-2015 check is refused with INVALID_USCC, nothing stored',
    phase: 'write',
    async check(context) {
      const valid = withUsccCheckCharacter('91411000MA0CNF0R7');
      const invalid = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
      const response = await context.client.post(
        context.viewers.adminOwn,
        'mutation($division: ID!, $input: TargetInput!) { saveTarget(division: $division, input: $input) { uscc } }',
        {
          division: context.division,
          input: { uscc: invalid, name: '接入检查 校验码错误', kind: 'ENTERPRISE', scope: '接入检查', address: '接入检查', categories: [] },
        },
      );
      ensure(refusedWith(response, 'INVALID_USCC'), 'INVALID_USCC', () => describe(response));
      const stored = await entities(context, context.viewers.coordinator, [{ __typename: 'Target', division: context.division, uscc: invalid }]);
      return stored[0] === null ? pass() : fail(`no target ${invalid}`, 'it was stored');
    },
  },
];

// ── queries the rules share ──────────────────────────────────────────────────

const ENTITIES_QUERY =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Division { code } ... on Target { division uscc } ... on CheckItem { division code } ... on Inspector { division id } } }';

const POOL_QUERY =
  'query Pool($division: ID!, $categories: [String!]!) { drawPool(division: $division, categories: $categories) { division targetTable targets { uscc name categories } inspectors { id expertise certificateValidUntil conflicts } } }';

const SAVE_ITEM = 'mutation($division: ID!, $input: CheckItemInput!) { saveCheckItem(division: $division, input: $input) { code active } }';

function keyText(entity: Record<string, unknown>): string {
  const typename = String(entity.__typename);
  if (typename === 'Division') return `Division ${entity.code}`;
  const key = typename === 'Target' ? entity.uscc : typename === 'CheckItem' ? entity.code : entity.id;
  return `${typename} ${entity.division}/${key}`;
}

async function entities(
  context: ContractContext,
  viewer: Viewer,
  representations: Array<Record<string, string>>,
): Promise<Array<Record<string, unknown> | null>> {
  const response = await context.client.post(viewer, ENTITIES_QUERY, { representations });
  const list = response.body?.data?._entities;
  ensure(Array.isArray(list), '_entities to answer a list', () => describe(response));
  ensure(list.length === representations.length, `${representations.length} entries, one per representation`, () => `${list.length}: ${describe(response)}`);
  return list as Array<Record<string, unknown> | null>;
}

interface PoolAnswer {
  division: string;
  targetTable: string;
  targets: Array<{ uscc: string; name: string; categories: string[] }>;
  inspectors: Array<{ id: string; expertise: string[]; certificateValidUntil: string; conflicts: string[] }>;
}

async function drawPool(context: ContractContext, categories: string[]): Promise<PoolAnswer> {
  const data = await context.data<{ drawPool: PoolAnswer }>(
    context.viewers.joint,
    POOL_QUERY,
    { division: context.division, categories },
    'drawPool as the joint subgraph',
  );
  return data.drawPool;
}

const OPTIONAL_HASHED = new Set(['actorName', 'changes', 'refusal']);

interface AuditFieldsView {
  seq: number;
  at: string;
  actor: string;
  role: string;
  division: string | null;
  action: string;
  subject: string;
  inputDigest: string;
  requestId: string | null;
  actorName: string | null;
  changes: Array<{ field: string; before: string | null; after: string | null }> | null;
  refusal: string | null;
  prevHash: string;
  hash: string;
}

async function auditTrail(context: ContractContext, first: number): Promise<{ length: number; entries: AuditFieldsView[] }> {
  const data = await context.data<{ division: { auditChain: { length: number }; auditTrail: { edges: Array<{ node: AuditFieldsView }> } } }>(
    context.viewers.supervisor,
    'query($code: ID!, $first: Int) { division(code: $code) { auditChain { length } auditTrail(first: $first) { edges { node { seq at actor role division action subject inputDigest requestId actorName changes { field before after } refusal prevHash hash } } } } }',
    { code: context.division, first },
    'auditTrail for a supervisor',
  );
  return { length: data.division.auditChain.length, entries: data.division.auditTrail.edges.map((edge) => edge.node) };
}

/** An inactive item: it never reaches a public list or a draw. */
function conformanceItem(division: string) {
  return {
    // Item codes start with the division's code (the rule every item list keeps).
    code: `${division}-CONFORMANCE-1`,
    name: '接入检查用事项（停用）',
    basis: '部门系统接入规范',
    subject: '接入检查',
    targetCategory: '接入检查',
    ratioBp: 0,
    timesPerYear: 1,
    method: '书面检查',
    content: '接入检查写入的停用事项，可忽略',
    requiredExpertise: null,
    active: false,
  };
}

async function hasItem(context: ContractContext, code: string): Promise<boolean> {
  const data = await context.data<{ division: { checklist: Array<{ code: string }> } }>(
    context.viewers.adminOwn,
    'query($code: ID!) { division(code: $code) { checklist(includeInactive: true) { code } } }',
    { code: context.division },
  );
  return data.division.checklist.some((item) => item.code === code);
}

// ── running them ─────────────────────────────────────────────────────────────

export interface RunOptions {
  /** Which phases to run: admission only (the gateway), or everything read-only, or with writes. */
  phases: RulePhase[];
}

/** Runs the rules one after another (a system under test sees one request at a time) and never throws. */
export async function runContract(options: ContractOptions, run: RunOptions): Promise<RuleResult[]> {
  const context = new ContractContext(options);
  const results: RuleResult[] = [];
  for (const rule of RULES) {
    const base = { id: rule.id, title: rule.title };
    if (!run.phases.includes(rule.phase)) {
      results.push({ ...base, outcome: 'skip', note: rule.phase === 'write' ? 'changes data: run with --write against a test instance' : 'not asked for' });
      continue;
    }
    let verdict: Verdict;
    try {
      verdict = await rule.check(context);
    } catch (error) {
      verdict =
        error instanceof RuleFailure
          ? fail(error.expected, error.got)
          : fail('an answer', `no usable answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if ('skip' in verdict) results.push({ ...base, outcome: 'skip', note: verdict.skip });
    else if (verdict.ok) results.push({ ...base, outcome: 'pass', ...(verdict.note ? { note: verdict.note } : {}) });
    else results.push({ ...base, outcome: 'fail', expected: verdict.expected, got: verdict.got });
  }
  return results;
}

/** One line per rule, as the command prints them. */
export function formatResult(result: RuleResult): string {
  const head = `${result.outcome.toUpperCase().padEnd(4)} ${result.id.padEnd(9)} ${result.title}`;
  if (result.outcome === 'fail') return `${head} — expected: ${result.expected} — got: ${result.got}`;
  return result.note ? `${head} (${result.note})` : head;
}

/**
 * Division routing, Apollo adapter: how `DivisionRoutingDataSource` drives the
 * per-division data sources. The instances here are in-process fakes so that
 * ordering, copying and failure handling can be observed exactly; the same
 * behaviour over real HTTP is in routing-integration.test.ts.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { DivisionRoutingDataSource, type DivisionErrorEvent, type DivisionStatus } from '../../gateway/src/routing/division-data-source';

type ProcessOptions = GraphQLDataSourceProcessOptions;
type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A fake instance that records what it was asked and answers through `answer`. */
class FakeInstance implements GraphQLDataSource {
  readonly calls: ProcessOptions[] = [];
  constructor(
    readonly code: string,
    public answer: (options: ProcessOptions) => Promise<Response> | Response = (options) => echoEntities(code, options),
  ) {}
  async process(options: ProcessOptions): Promise<Response> {
    this.calls.push(options);
    return this.answer(options);
  }
}

function echoEntities(code: string, options: ProcessOptions): Response {
  const representations = (options.request.variables?.representations ?? []) as Record<string, string>[];
  return { data: { _entities: representations.map((representation) => ({ name: `${code}:${representation.uscc}` })) } };
}

const ENTITIES_QUERY = 'query Q__division__1($representations:[_Any!]!){_entities(representations:$representations){...on Target{name}}}';
const target = (division: string, uscc: string) => ({ __typename: 'Target', division, uscc });

function setup(status?: (code: string) => DivisionStatus) {
  const instances = ['ZA', 'WA', 'JD'].map((code) => new FakeInstance(code));
  const events: DivisionErrorEvent[] = [];
  const router = new DivisionRoutingDataSource({
    divisions: instances.map((instance) => ({ code: instance.code, dataSource: instance })),
    status,
    onDivisionError: (event) => events.push(event),
  });
  const [za, wa, jd] = instances;
  return { router, za, wa, jd, events };
}

const incomingRequestContext = { operation: undefined, marker: 'incoming' } as never;

function incoming(request: ProcessOptions['request'], extra: Partial<Record<string, unknown>> = {}): ProcessOptions {
  return {
    kind: 'incoming operation',
    request,
    incomingRequestContext,
    context: { viewer: 'coordinator-1' },
    ...extra,
  } as unknown as ProcessOptions;
}

function entitiesRequest(representations: unknown[]): ProcessOptions['request'] {
  return { query: ENTITIES_QUERY, operationName: 'Q__division__1', variables: { representations } };
}

describe('DivisionRoutingDataSource', () => {
  it('sends each division its own representations and merges the answers in the original order', async () => {
    const { router, za, wa, jd } = setup();
    const response = await router.process(incoming(entitiesRequest([target('WA', '1'), target('ZA', '2'), target('WA', '3'), target('JD', '4')])));
    expect(response).toEqual({ data: { _entities: [{ name: 'WA:1' }, { name: 'ZA:2' }, { name: 'WA:3' }, { name: 'JD:4' }] } });
    expect(za.calls.map((call) => call.request.variables?.representations)).toEqual([[target('ZA', '2')]]);
    expect(wa.calls.map((call) => call.request.variables?.representations)).toEqual([[target('WA', '1'), target('WA', '3')]]);
    expect(jd.calls).toHaveLength(1);
  });

  it('passes kind, context and the incoming request context through, but not the whole fetch document', async () => {
    const { router, za } = setup();
    const document = parse(ENTITIES_QUERY);
    await router.process(incoming(entitiesRequest([target('ZA', '1')]), { document, pathInIncomingRequest: ['x'] }));
    const call = za.calls[0] as ProcessOptions & Record<string, unknown>;
    expect(call.kind).toBe('incoming operation');
    expect(call.context).toEqual({ viewer: 'coordinator-1' });
    expect(call.incomingRequestContext).toBe(incomingRequestContext);
    expect(call.pathInIncomingRequest).toEqual(['x']);
    expect(call.document).toBeUndefined();
    expect(call.request.operationName).toBe('Q__division__1');
  });

  it('gives every instance its own copy of request.http and its headers', async () => {
    const { router, za, wa } = setup();
    for (const instance of [za, wa]) {
      instance.answer = (options) => {
        // What RemoteGraphQLDataSource and willSendRequest hooks do to the request they get.
        options.request.http?.headers.set('x-division', instance.code);
        (options.request as { http?: unknown }).http = { method: 'POST', url: `http://${instance.code}`, headers: new Headers() };
        return echoEntities(instance.code, options);
      };
    }
    const original = { method: 'POST', url: 'http://gateway', headers: new Headers({ 'apollo-federation-include-trace': 'ftv1' }) };
    const request = { ...entitiesRequest([target('ZA', '1'), target('WA', '2')]), http: original };
    await router.process(incoming(request));
    expect(request.http).toBe(original);
    expect(original.headers.get('x-division')).toBeNull();
    expect([...original.headers]).toEqual([['apollo-federation-include-trace', 'ftv1']]);
    const sentHeaders = [za, wa].map((instance) => instance.calls[0].request.http);
    expect(sentHeaders[0]).not.toBe(sentHeaders[1]);
  });

  it('turns a throwing instance into DIVISION_UNAVAILABLE for its part only, and uses it again once it answers', async () => {
    const { router, za, events } = setup();
    const request = entitiesRequest([target('ZA', '1'), target('WA', '2')]);
    za.answer = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4101'));

    const down = await router.process(incoming(request));
    expect(down).toEqual({
      data: { _entities: [null, { name: 'WA:2' }] },
      errors: [
        {
          message: '分局/支队 ZA 的服务暂时无法访问 (division ZA is unavailable)',
          path: ['_entities', 0],
          extensions: { code: 'DIVISION_UNAVAILABLE', division: 'ZA' },
        },
      ],
    });
    expect(events).toEqual([{ division: 'ZA', error: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) }]);

    za.answer = (options) => echoEntities('ZA', options);
    const back = await router.process(incoming(request));
    expect(back).toEqual({ data: { _entities: [{ name: 'ZA:1' }, { name: 'WA:2' }] } });
  });

  it('turns an answer that is not GraphQL into DIVISION_UNAVAILABLE', async () => {
    const { router, wa } = setup();
    wa.answer = () => '<html>502 Bad Gateway</html>' as unknown as Response;
    const response = await router.process(incoming({ query: '{a:division(code:"WA"){name}b:division(code:"ZA"){name}}' }));
    expect(response.data).toEqual({ a: null, b: null });
    expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'DIVISION_UNAVAILABLE', division: 'WA' }]);
  });

  it('passes on the GraphQL errors of an instance that rejected the operation with an HTTP error status', async () => {
    const { router, za } = setup();
    za.answer = () => {
      throw Object.assign(new Error('400: Bad Request'), {
        extensions: { response: { status: 400, body: { errors: [{ message: 'Cannot query field "x" on type "Division".' }] } } },
      });
    };
    const response = await router.process(incoming({ query: '{a:division(code:"ZA"){name}}' }));
    expect(response).toEqual({
      data: { a: null },
      errors: [{ message: 'Cannot query field "x" on type "Division".', extensions: { division: 'ZA' } }],
    });
  });

  it('does not call an instance whose schema does not match, and reports DIVISION_SCHEMA_MISMATCH', async () => {
    const { router, za, wa } = setup((code) => (code === 'WA' ? 'mismatch' : 'ok'));
    const response = await router.process(incoming(entitiesRequest([target('ZA', '1'), target('WA', '2')])));
    expect(wa.calls).toHaveLength(0);
    expect(za.calls).toHaveLength(1);
    expect(response.data).toEqual({ _entities: [{ name: 'ZA:1' }, null] });
    expect(response.errors?.map((error) => [error.path, error.extensions])).toEqual([[['_entities', 1], { code: 'DIVISION_SCHEMA_MISMATCH', division: 'WA' }]]);
  });

  it('never throws, even when the status callback does', async () => {
    const { router } = setup(() => {
      throw new Error('status store broken');
    });
    const response = await router.process(incoming(entitiesRequest([target('ZA', '1')])));
    expect(response.errors?.[0].extensions).toEqual({ code: 'DIVISION_UNAVAILABLE', division: 'ZA' });
  });

  it('answers a request without query text with a routing error instead of throwing', async () => {
    const { router } = setup();
    const response = await router.process(incoming({}));
    expect(response.errors?.[0].extensions?.code).toBe('DIVISION_ROUTING_FAILED');
  });

  it('starts all query parts before any of them answers', async () => {
    const { router, za, wa, jd } = setup();
    const started: string[] = [];
    const gates: Array<() => void> = [];
    for (const instance of [za, wa, jd]) {
      instance.answer = () =>
        new Promise((resolve) => {
          started.push(instance.code);
          gates.push(() => resolve({ data: { divisions: [{ code: instance.code }] } }));
        });
    }
    const pending = router.process(incoming({ query: '{divisions{code}}' }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['ZA', 'WA', 'JD']);
    gates.reverse().forEach((open) => open());
    expect(await pending).toEqual({ data: { divisions: [{ code: 'ZA' }, { code: 'WA' }, { code: 'JD' }] } });
  });

  it('runs mutation runs one after another, in selection order', async () => {
    const { router, za, wa } = setup();
    const log: string[] = [];
    let inFlight = 0;
    for (const instance of [za, wa]) {
      instance.answer = async (options) => {
        inFlight += 1;
        expect(inFlight).toBe(1);
        const keys = Object.keys(parseSelection(options.request.query ?? ''));
        log.push(`${instance.code}:${keys.join(',')}`);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return { data: Object.fromEntries(keys.map((key) => [key, { uscc: `${instance.code}-${key}` }])) };
      };
    }
    const response = await router.process(
      incoming({
        query:
          'mutation{a:saveTarget(division:"ZA",name:"1"){uscc}b:saveTarget(division:"ZA",name:"2"){uscc}c:saveTarget(division:"WA",name:"3"){uscc}d:saveTarget(division:"ZA",name:"4"){uscc}}',
      }),
    );
    expect(log).toEqual(['ZA:a,b', 'WA:c', 'ZA:d']);
    expect(response.data).toEqual({ a: { uscc: 'ZA-a' }, b: { uscc: 'ZA-b' }, c: { uscc: 'WA-c' }, d: { uscc: 'ZA-d' } });
  });

  it('passes health checks to every instance', async () => {
    const { router, za, wa, jd } = setup();
    for (const instance of [za, wa, jd]) instance.answer = () => ({ data: { __typename: 'Query' } });
    const response = await router.process({
      kind: 'health check',
      request: { query: 'query __ApolloServiceHealthCheck__ { __typename }' },
      context: {},
    } as unknown as ProcessOptions);
    expect(response).toEqual({ data: { __typename: 'Query' } });
    expect([za, wa, jd].map((instance) => instance.calls[0]?.kind)).toEqual(['health check', 'health check', 'health check']);
  });

  it('refuses duplicate division codes when it is built', () => {
    const instance = new FakeInstance('ZA');
    expect(
      () =>
        new DivisionRoutingDataSource({
          divisions: [
            { code: 'ZA', dataSource: instance },
            { code: 'ZA', dataSource: instance },
          ],
        }),
    ).toThrow(/unique/);
  });
});

/** Response keys of an operation's root selection. */
function parseSelection(query: string): Record<string, true> {
  const operation = parse(query).definitions[0];
  if (operation.kind !== 'OperationDefinition') return {};
  return Object.fromEntries(
    operation.selectionSet.selections.map((selection) => [selection.kind === 'Field' ? (selection.alias?.value ?? selection.name.value) : '?', true as const]),
  );
}

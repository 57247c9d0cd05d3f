import { contextKey, ContextTokenError, createContextVerifier, signContext } from '../../common/context-token';
import { visibilityClass } from '../../gateway/src/response-cache';
import { viewers } from '../support/graphql';

const key = contextKey('unit-context-secret-0123456789abcdef');

afterEach(() => {
  jest.useRealTimers();
});

describe('a subgraph checking the gateway context tokens it has seen before', () => {
  it('gives the same viewer for a remembered token, as a copy the request may change', async () => {
    const verify = createContextVerifier(key);
    const token = await signContext({ ...viewers.divisionAdmin('ZA'), requestId: 'r-1' }, key);
    const first = await verify(token);
    first.requestId = 'changed by a request';
    expect(await verify(token)).toEqual({ ...viewers.divisionAdmin('ZA'), requestId: 'r-1', inspector: undefined, service: undefined });
  });

  it('still refuses a remembered token once it has expired, and never remembers a forged one', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const verify = createContextVerifier(key);
    const token = await signContext(viewers.coordinator, key);
    await expect(verify(token)).resolves.toMatchObject({ roles: ['coordinator'] });
    jest.setSystemTime(Date.now() + 70_000);
    await expect(verify(token)).rejects.toThrow(ContextTokenError);

    const forged = await signContext(viewers.supervisor, contextKey('another-secret-0123456789abcdefghij'));
    for (let i = 0; i < 2; i++) await expect(verify(forged)).rejects.toThrow(ContextTokenError);
  });
});

describe("the response cache's visibility classes", () => {
  it('are one for the public, one per set of roles and division, and none for a person', () => {
    expect(visibilityClass(undefined)).toBe('public');
    expect(visibilityClass(viewers.anonymous)).toBe('public');
    expect(visibilityClass(viewers.coordinator)).toBe('roles:coordinator');
    expect(visibilityClass(viewers.divisionAdmin('ZA'))).not.toBe(visibilityClass(viewers.divisionAdmin('WA')));
    expect(visibilityClass({ ...viewers.coordinator, roles: ['division_admin', 'coordinator'], division: 'ZA' })).toBe('roles:coordinator+division_admin@ZA');
    expect(visibilityClass(viewers.inspector('ZA', 'ZA-0001'))).toBeNull();
    expect(visibilityClass(viewers.service('joint'))).toBeNull();
  });
});

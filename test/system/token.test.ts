import { jwtVerify } from 'jose';
import { createToken, findAuthSecret, parseTokenArgs, UsageError } from '../../scripts/token';
import { tempDir } from '../support/temp';

describe('npm run token', () => {
  it('signs the claims the gateway expects', async () => {
    const request = parseTokenArgs(['--role', 'inspector', '--division', 'ZA', '--inspector', 'ZA-0001', '--name', '王警官', '--ttl', '30m']);
    const secret = 'a-development-secret-0123456789abcdef';
    const { payload } = await jwtVerify(await createToken(request, secret), new TextEncoder().encode(secret));
    expect(payload).toMatchObject({ roles: ['inspector'], division: 'ZA', inspector: 'ZA-0001', name: '王警官', sub: 'ZA-0001' });
    expect(payload.exp! - payload.iat!).toBe(1800);
  });

  it.each([
    [['--role', 'chief'], /unknown role/],
    [['--role', 'inspector', '--division', 'ZA'], /--inspector/],
    [['--role', 'division_admin'], /--division/],
    [[], /--role/],
    [['--role', 'coordinator', '--ttl', 'forever'], /ttl/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });

  it('says how to get a secret when there is none', () => {
    expect(() => findAuthSecret({ DATA_DIR: tempDir() })).toThrow(/npm start/);
    expect(findAuthSecret({ AUTH_SECRET: 'from-the-environment-0123456789' })).toBe('from-the-environment-0123456789');
  });
});

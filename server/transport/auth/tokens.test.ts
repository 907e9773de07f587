import { DomainError } from '../../engine/errors';
import { SignJWT } from 'jose';
import type { TokenClaims } from './tokens';
import { Tokens, bearerToken } from './tokens';

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
const tokens = new Tokens(SECRET);
const key = new TextEncoder().encode(SECRET);

const CONTRIBUTOR: TokenClaims = {
  sub: 'nurse-jones',
  roles: ['CONTRIBUTOR'],
  orgUnits: ['SVC1-T1', 'SVC2'],
};

/** A token signed with the server's secret but with whatever payload a faulty issuer put in it. */
function signed(payload: Record<string, unknown>, sub: string | null = 'nurse-jones'): Promise<string> {
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h');
  if (sub !== null) jwt.setSubject(sub);
  return jwt.sign(key);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function rejection(action: Promise<unknown>): Promise<DomainError> {
  const error = await action.then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('UNAUTHENTICATED');
  return error as DomainError;
}

describe('Tokens', () => {
  it.each<TokenClaims>([
    CONTRIBUTOR,
    { sub: 'demo-admin', roles: ['ADMIN'], orgUnits: ['*'] },
    { sub: 'ward-manager', roles: ['VIEWER', 'MANAGER'], orgUnits: ['SVC1'] },
    { sub: 'no-units-yet', roles: ['VIEWER'], orgUnits: [] },
    { sub: '🩺'.repeat(200), roles: ['VIEWER'], orgUnits: [] },
  ])('verifies the token it issued for $sub and gives back its claims', async (claims) => {
    const viewer = await tokens.verify(await tokens.issue(claims));
    expect(viewer).toEqual({
      subject: claims.sub,
      roles: claims.roles,
      orgUnits: claims.orgUnits,
      anonymous: false,
      expiresAt: expect.any(Date),
    });
  });

  it.each([
    [undefined, 12 * 60 * 60],
    ['30d', 30 * 24 * 60 * 60],
    ['15m', 15 * 60],
  ])('issues tokens that expire after %p (%p seconds)', async (expiresIn, seconds) => {
    const before = Math.floor(Date.now() / 1000);
    const { expiresAt } = await tokens.verify(await tokens.issue(CONTRIBUTOR, expiresIn));
    const after = Math.ceil(Date.now() / 1000);
    const expiry = expiresAt!.getTime() / 1000;
    expect(expiry).toBeGreaterThanOrEqual(before + seconds);
    expect(expiry).toBeLessThanOrEqual(after + seconds);
  });

  it('refuses a token signed with another secret', async () => {
    const other = await new Tokens('another-secret-of-at-least-thirty-two-bytes').issue(CONTRIBUTOR);
    const error = await rejection(tokens.verify(other));
    expect(error.message).toContain('not valid for this server');
  });

  it.each(['1 hour ago', '-1h', '-5s'])('refuses a token that expired (%s)', async (expiresIn) => {
    const error = await rejection(tokens.verify(await tokens.issue(CONTRIBUTOR, expiresIn)));
    expect(error.message).toContain('the token has expired');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await tokens.issue(CONTRIBUTOR)).split('.');
    const forged = base64url({ ...CONTRIBUTOR, roles: ['ADMIN'], orgUnits: ['*'], exp: 4102444800 });
    await rejection(tokens.verify(`${header}.${forged}.${signature}`));
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const unsigned = `${base64url({ alg: 'none' })}.${base64url({ ...CONTRIBUTOR, exp: 4102444800 })}.`;
    await rejection(tokens.verify(unsigned));
  });

  it('refuses a token signed with the right secret but another algorithm', async () => {
    const hs512 = await new SignJWT({ roles: ['ADMIN'], orgUnits: ['*'] })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('someone')
      .setExpirationTime('1h')
      .sign(key);
    await rejection(tokens.verify(hs512));
  });

  it.each(['', 'abc', 'not.a.jwt', 'a.b', 'eyJhbGciOiJIUzI1NiJ9.e30'])(
    'refuses the malformed token %p',
    async (token) => {
      await rejection(tokens.verify(token));
    },
  );

  it.each<[string, Record<string, unknown>, string | null, string]>([
    ['no roles', { orgUnits: ['*'] }, 'nurse-jones', '"roles"'],
    ['roles as a string', { roles: 'ADMIN', orgUnits: ['*'] }, 'nurse-jones', '"roles"'],
    ['an unknown role', { roles: ['SUPERUSER'], orgUnits: ['*'] }, 'nurse-jones', '"roles"'],
    ['a lower-case role', { roles: ['admin'], orgUnits: ['*'] }, 'nurse-jones', '"roles"'],
    [
      'one unknown role among known ones',
      { roles: ['VIEWER', 'ROOT'], orgUnits: ['*'] },
      'nurse-jones',
      '"roles"',
    ],
    ['no orgUnits', { roles: ['VIEWER'] }, 'nurse-jones', '"orgUnits"'],
    ['orgUnits as a string', { roles: ['VIEWER'], orgUnits: '*' }, 'nurse-jones', '"orgUnits"'],
    ['no sub', { roles: ['VIEWER'], orgUnits: ['*'] }, null, '"sub"'],
    ['an NHS number as sub', { roles: ['VIEWER'], orgUnits: ['*'] }, '943 476 5919', '"sub"'],
    ['an NHS number in sub', { roles: ['VIEWER'], orgUnits: ['*'] }, 'patient-943.476.5919', '"sub"'],
    ['a NUL in sub', { roles: ['VIEWER'], orgUnits: ['*'] }, 'nurse\u0000jones', '"sub"'],
    ['a lone surrogate in sub', { roles: ['VIEWER'], orgUnits: ['*'] }, 'nurse\ud800jones', '"sub"'],
    ['a sub of 201 characters', { roles: ['VIEWER'], orgUnits: ['*'] }, '🩺'.repeat(201), '"sub"'],
  ])('refuses a validly signed token with %s', async (_description, payload, sub, field) => {
    const error = await rejection(tokens.verify(await signed(payload, sub)));
    expect(error.message).toContain(field);
  });

  it('answers with HTTP 401', async () => {
    const error = await rejection(tokens.verify('abc'));
    expect({ code: error.code, details: error.details }).toEqual({ code: 'UNAUTHENTICATED', details: {} });
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['BEARER abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi  ', 'abc.def.ghi'],
    ['Bearer\tabc.def.ghi', 'abc.def.ghi'],
  ])('reads %p as the token %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, ''])('gives null when there is no header (%p)', (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it.each(['Basic dXNlcjpwYXNzd29yZA==', 'Bearer', 'Bearer ', 'Bearer abc def', 'abc.def.ghi', 'Token abc'])(
    'refuses %p as UNAUTHENTICATED',
    (header) => {
      let error: unknown;
      try {
        bearerToken(header);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('UNAUTHENTICATED');
      expect((error as DomainError).message).toContain('Bearer <token>');
    },
  );
});

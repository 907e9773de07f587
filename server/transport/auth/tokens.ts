import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { unauthenticated } from '../../engine/errors';
import { containsNhsNumber } from '../../engine/nhs-number';
import { unstorable } from '../../storage/db/unstorable';
import type { Role } from '../../engine/access/roles';
import { ROLES } from '../../engine/access/roles';
import type { Viewer } from '../../engine/access/viewer';

const ALGORITHM = 'HS256';
/** The subject is stored as the submitter of every observation, in characters (code points). */
const MAX_SUBJECT_LENGTH = 200;

export interface TokenClaims {
  sub: string;
  roles: Role[];
  orgUnits: string[];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** HS256 tokens signed with JWT_SECRET; the claims are `sub`, `roles` and `orgUnits`. */
export class Tokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `expiresIn` is a span such as `12h` or `30d` (jose's time-span syntax). */
  async issue(claims: TokenClaims, expiresIn: string = '12h'): Promise<string> {
    return new SignJWT({ roles: claims.roles, orgUnits: claims.orgUnits })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.key);
  }

  /** The viewer a token speaks for, or UNAUTHENTICATED saying what is wrong with it. */
  async verify(token: string): Promise<Viewer & { expiresAt: Date | null }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], requiredClaims: ['exp'] }));
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? 'the token has expired'
          : error instanceof joseErrors.JOSEError
            ? 'the token is not valid for this server'
            : 'the token cannot be read';
      throw unauthenticated(`Authentication failed: ${reason}`);
    }
    const { sub, roles, orgUnits } = payload;
    if (typeof sub !== 'string' || sub === '' || [...sub].length > MAX_SUBJECT_LENGTH) {
      throw unauthenticated(`Authentication failed: "sub" must be 1 to ${MAX_SUBJECT_LENGTH} characters`);
    }
    const unstorableSubject = unstorable(sub);
    if (unstorableSubject) throw unauthenticated(`Authentication failed: "sub" ${unstorableSubject}`);
    // The subject is stored and shown as the author of what its bearer writes: it must not identify a patient.
    if (containsNhsNumber(sub)) {
      throw unauthenticated(
        'Authentication failed: "sub" contains what looks like an NHS number, and is stored as the author of what this token writes',
      );
    }
    if (!isStringArray(roles) || !roles.every((role) => (ROLES as readonly string[]).includes(role))) {
      throw unauthenticated(`Authentication failed: "roles" must list roles among ${ROLES.join(', ')}`);
    }
    if (!isStringArray(orgUnits)) {
      throw unauthenticated('Authentication failed: "orgUnits" must list org unit codes (or "*")');
    }
    return {
      subject: sub,
      roles: roles as Role[],
      orgUnits,
      anonymous: false,
      expiresAt: payload.exp === undefined ? null : new Date(payload.exp * 1000),
    };
  }
}

/** `Authorization: Bearer <token>` (the scheme is case-insensitive), or null when absent. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw unauthenticated('Authentication failed: the Authorization header must be "Bearer <token>"');
  return match[1]!;
}

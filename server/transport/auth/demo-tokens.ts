import { randomBytes } from 'node:crypto';
import { ROLES } from '../../engine/access/roles';
import type { Role } from '../../engine/access/roles';
import { Tokens } from './tokens';

/**
 * With no JWT_SECRET the demo signs with a secret made at start-up (so tokens die with the process)
 * and hands out one whole-tree token per role.
 */
export async function demoSecretAndTokens(): Promise<{ secret: string; tokens: Record<Role, string> }> {
  const secret = randomBytes(32).toString('base64url');
  const tokens = new Tokens(secret);
  const entries = await Promise.all(
    ROLES.map(
      async (role) =>
        [
          role,
          await tokens.issue({ sub: `demo-${role.toLowerCase()}`, roles: [role], orgUnits: ['*'] }, '30d'),
        ] as const,
    ),
  );
  return { secret, tokens: Object.fromEntries(entries) as Record<Role, string> };
}

import { unauthenticated } from '../../engine/errors';
import type { Tokens } from './tokens';
import { bearerToken } from './tokens';
import type { Viewer } from '../../engine/access/viewer';
import { ANONYMOUS_DEMO_READER } from '../../engine/access/viewer';

/**
 * The viewer behind an Authorization header. With a configured JWT_SECRET every request needs a
 * valid token; in the demo (no secret) a request without one reads anonymously.
 */
export function authenticator(tokens: Tokens, tokenRequired: boolean) {
  return async (authorization: string | undefined): Promise<Viewer> => {
    const token = bearerToken(authorization);
    if (token) return tokens.verify(token);
    if (tokenRequired) throw unauthenticated('Authentication required: send Authorization: Bearer <token>');
    return ANONYMOUS_DEMO_READER;
  };
}

import type { Role } from './roles';
import { roleIncludes } from './roles';

/** Whoever makes a request: a token's claims, or an anonymous reader in the demo. */
export interface Viewer {
  /** The token's `sub`; recorded as the submitter of observations. */
  subject: string | null;
  roles: readonly Role[];
  /** Codes of the units whose subtrees the roles apply to; `*` is the whole tree. */
  orgUnits: readonly string[];
  /** Anonymous readers exist only when no JWT_SECRET is configured. */
  anonymous: boolean;
}

export const ANONYMOUS_DEMO_READER: Viewer = {
  subject: null,
  roles: ['VIEWER'],
  orgUnits: ['*'],
  anonymous: true,
};

export function holdsRole(viewer: Viewer, required: Role): boolean {
  return viewer.roles.some((role) => roleIncludes(role, required));
}

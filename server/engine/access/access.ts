import { forbidden, unauthenticated } from '../errors';
import type { Role } from './roles';
import type { Viewer } from './viewer';
import { holdsRole } from './viewer';

export interface UnitInTree {
  code: string;
  path: string;
}

/** One request's answers to "may this viewer do that at this unit?"; a role applies to its units' subtrees. */
export class Access {
  private scopePaths: Promise<readonly string[] | 'WHOLE_TREE'> | undefined;

  constructor(
    readonly viewer: Viewer,
    private readonly pathsOfCodes: (codes: readonly string[]) => Promise<string[]>,
  ) {}

  private scope(): Promise<readonly string[] | 'WHOLE_TREE'> {
    this.scopePaths ??= this.viewer.orgUnits.includes('*')
      ? Promise.resolve('WHOLE_TREE')
      : this.pathsOfCodes(this.viewer.orgUnits);
    return this.scopePaths;
  }

  async covers(unit: UnitInTree): Promise<boolean> {
    return (await this.coverage())(unit);
  }

  /** `covers` as a synchronous test, for checking every event of a long-lived subscription. */
  async coverage(): Promise<(unit: UnitInTree) => boolean> {
    const scope = await this.scope();
    return (unit) => scope === 'WHOLE_TREE' || scope.some((path) => unit.path.startsWith(path));
  }

  /** Throws UNAUTHENTICATED for an anonymous writer, FORBIDDEN for a role the token does not hold anywhere. */
  requireRole(role: Role, action: string): void {
    if (this.viewer.anonymous && role !== 'VIEWER') {
      throw unauthenticated(`${action} needs a token with the ${role} role (Authorization: Bearer <token>)`);
    }
    if (!holdsRole(this.viewer, role)) {
      throw forbidden(
        `${action} needs the ${role} role; this token has ${this.viewer.roles.join(', ') || 'none'}`,
      );
    }
  }

  /** Throws UNAUTHENTICATED for an anonymous writer, FORBIDDEN for a role or unit out of reach. */
  async require(role: Role, unit: UnitInTree | null, action: string): Promise<void> {
    this.requireRole(role, action);
    this.requireWithin(role, unit, action, unit ? await this.coverage() : () => false);
  }

  /**
   * `require` with the viewer's units already read (`coverage`): the check a bulk import makes of each of its
   * rows without waiting on anything.
   */
  requireWithin(
    role: Role,
    unit: UnitInTree | null,
    action: string,
    covers: (unit: UnitInTree) => boolean,
  ): void {
    this.requireRole(role, action);
    const covered = unit ? covers(unit) : this.viewer.orgUnits.includes('*');
    if (!covered) {
      throw forbidden(
        `${action} needs the ${role} role on ${unit ? unit.code : 'the whole tree'}; this token's units are ${this.viewer.orgUnits.join(', ')}`,
      );
    }
  }
}

/** What every decision of an Access rests on: viewers with the same key are allowed exactly the same. */
export function accessKey(viewer: Viewer): string {
  return JSON.stringify([viewer.anonymous, [...viewer.roles].sort(), [...viewer.orgUnits].sort()]);
}

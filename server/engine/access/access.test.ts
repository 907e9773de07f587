import { DomainError } from '../errors';
import { Access } from './access';
import type { UnitInTree } from './access';
import type { Role } from './roles';
import { ANONYMOUS_DEMO_READER } from './viewer';
import type { Viewer } from './viewer';

/**
 * A small trust: TRUST → SVC1 → SVC1-T1, SVC1-T2; TRUST → SVC2 → SVC2-T1; and SVC10, whose path starts
 * with the same characters as SVC1's ('1.2' and '1.20') without being under it.
 */
const TREE: Record<string, string> = {
  TRUST: '1.',
  SVC1: '1.2.',
  'SVC1-T1': '1.2.5.',
  'SVC1-T2': '1.2.6.',
  SVC2: '1.3.',
  'SVC2-T1': '1.3.7.',
  SVC10: '1.20.',
};
const unit = (code: string): UnitInTree => ({ code, path: TREE[code]! });

function accessFor(roles: Role[], orgUnits: string[]) {
  const pathsOfCodes = jest.fn(async (codes: readonly string[]) =>
    codes.filter((code) => code in TREE).map((code) => TREE[code]!),
  );
  const viewer: Viewer = { subject: 'test-user', roles, orgUnits, anonymous: false };
  return { access: new Access(viewer, pathsOfCodes), pathsOfCodes };
}

async function refusal(action: Promise<unknown>): Promise<DomainError> {
  const error = await action.then(
    () => {
      throw new Error('expected the action to be refused');
    },
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const ROLES: Role[] = ['VIEWER', 'CONTRIBUTOR', 'MANAGER', 'ADMIN'];

describe('Access', () => {
  describe('role hierarchy', () => {
    const cases = ROLES.flatMap((held, heldRank) =>
      ROLES.map((required, requiredRank) => [held, required, heldRank >= requiredRank] as const),
    );

    it.each(cases)('a %s may act as %s: %p', async (held, required, allowed) => {
      const { access } = accessFor([held], ['*']);
      const action = access.require(required, unit('SVC1-T1'), 'Acting');
      if (allowed) {
        await expect(action).resolves.toBeUndefined();
      } else {
        const error = await refusal(action);
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain(`needs the ${required} role; this token has ${held}`);
      }
    });

    it('takes the highest of several roles', async () => {
      const { access } = accessFor(['VIEWER', 'MANAGER'], ['*']);
      await expect(access.require('MANAGER', unit('SVC2'), 'Managing')).resolves.toBeUndefined();
      expect((await refusal(access.require('ADMIN', unit('SVC2'), 'Administering'))).code).toBe('FORBIDDEN');
    });

    it('gives a token with no roles nothing, not even reading', async () => {
      const { access } = accessFor([], ['*']);
      const error = await refusal(access.require('VIEWER', unit('TRUST'), 'Reading'));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('this token has none');
    });
  });

  describe('subtree scoping', () => {
    it.each([
      [['SVC1'], 'SVC1', true],
      [['SVC1'], 'SVC1-T1', true],
      [['SVC1'], 'SVC1-T2', true],
      [['SVC1'], 'TRUST', false],
      [['SVC1'], 'SVC2', false],
      [['SVC1'], 'SVC2-T1', false],
      [['SVC1'], 'SVC10', false],
      [['SVC1-T1'], 'SVC1-T1', true],
      [['SVC1-T1'], 'SVC1-T2', false],
      [['SVC1-T1'], 'SVC1', false],
      [['SVC1-T1', 'SVC2'], 'SVC2-T1', true],
      [['SVC1-T1', 'SVC2'], 'SVC1-T2', false],
      [['TRUST'], 'SVC10', true],
      [['TRUST'], 'SVC2-T1', true],
      [['*'], 'TRUST', true],
      [['*'], 'SVC10', true],
      [['*'], 'SVC2-T1', true],
      [['RETIRED-TEAM'], 'SVC1-T1', false],
      [[], 'SVC1-T1', false],
    ])('units %j cover %s: %p', async (orgUnits, code, covered) => {
      const { access } = accessFor(['CONTRIBUTOR'], orgUnits);
      expect(await access.covers(unit(code))).toBe(covered);
      const action = access.require('CONTRIBUTOR', unit(code), `Submitting for ${code}`);
      if (covered) {
        await expect(action).resolves.toBeUndefined();
      } else {
        const error = await refusal(action);
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain(`on ${code}`);
      }
    });

    it('needs the whole tree for an action on no one unit', async () => {
      await expect(
        accessFor(['ADMIN'], ['*']).access.require('ADMIN', null, 'Creating a trust'),
      ).resolves.toBe(undefined);
      const error = await refusal(
        accessFor(['ADMIN'], ['TRUST']).access.require('ADMIN', null, 'Creating a trust'),
      );
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('the whole tree');
    });

    it('looks the token’s units up once per request, and not at all for the whole tree', async () => {
      const scoped = accessFor(['CONTRIBUTOR'], ['SVC1', 'SVC2']);
      await scoped.access.covers(unit('SVC1-T1'));
      await scoped.access.covers(unit('SVC2-T1'));
      await scoped.access.require('CONTRIBUTOR', unit('SVC1-T2'), 'Submitting');
      expect(scoped.pathsOfCodes).toHaveBeenCalledTimes(1);
      expect(scoped.pathsOfCodes).toHaveBeenCalledWith(['SVC1', 'SVC2']);

      const whole = accessFor(['CONTRIBUTOR'], ['*']);
      await whole.access.covers(unit('SVC1-T1'));
      expect(whole.pathsOfCodes).not.toHaveBeenCalled();
    });
  });

  describe('the anonymous demo reader', () => {
    const access = new Access(ANONYMOUS_DEMO_READER, async () => {
      throw new Error('an anonymous reader covers the whole tree without a look-up');
    });

    it.each(['TRUST', 'SVC1-T1', 'SVC10'])('may read %s', async (code) => {
      await expect(access.require('VIEWER', unit(code), 'Reading')).resolves.toBeUndefined();
    });

    it.each<Role>(['CONTRIBUTOR', 'MANAGER', 'ADMIN'])('is asked to sign in to act as %s', async (role) => {
      const error = await refusal(access.require(role, unit('SVC1-T1'), 'Submitting'));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toContain(`the ${role} role`);
      expect(error.message).toContain('Authorization: Bearer <token>');
    });
  });
});

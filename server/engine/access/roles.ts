/** Each role includes the ones before it: a MANAGER may do everything a CONTRIBUTOR may. */
export const ROLES = ['VIEWER', 'CONTRIBUTOR', 'MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function roleIncludes(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}

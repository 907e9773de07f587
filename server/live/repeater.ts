/**
 * @repeaterjs/repeater ships CommonJS, but its type declarations are written as ES module types, which a
 * CommonJS file may not import as values; the value is required and the types are borrowed.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a type-only import cannot take a value's type
type RepeaterModule = typeof import('@repeaterjs/repeater', { with: { 'resolution-mode': 'import' } });

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { Repeater } = require('@repeaterjs/repeater') as RepeaterModule;
export type { Repeater as RepeaterType } from '@repeaterjs/repeater' with { 'resolution-mode': 'import' };

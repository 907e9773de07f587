import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { Kind, getNamedType, isObjectType, valueFromASTUntyped } from 'graphql';
import { DEFAULT_PAGE } from '../../schema/connection/paging';
import { parsePeriod } from '../engine/kpi/period';
import type { OrgLevel } from '../engine/kpi/vocabulary';

/** How many units the tree holds, and at each level how many and the largest subtree of one of them. */
export interface TreeShape {
  units: number;
  kpis: number;
  levels: ReadonlyMap<OrgLevel, { units: number; largestSubtree: number }>;
}

/**
 * Units at one point of a query: how many objects (one unit may come more than once, as the ancestor of many),
 * the largest subtree of any of them, and whether they are distinct units (each unit has one parent, so the
 * children of distinct units are never more than the tree holds).
 */
interface Units {
  count: number;
  largestSubtree: number;
  distinct: boolean;
}

/** Months a series reads when its range cannot be read from the operation: the longest a chart shows. */
const UNKNOWN_SERIES_MONTHS = 120;
/** Levels above a unit: at most the system, organisation, directorate, service and team above an individual. */
const MOST_ANCESTORS = 5;
/**
 * A finding list ranks the stored facts of every unit and KPI of its subtree: measured at the size of an
 * integrated care system, about one and a half times the work of reading one value per unit.
 */
const FINDINGS_PER_UNIT = 1.5;

/** Findings a list shows when `first` is not given. */
const DEFAULT_FINDINGS = 10;

type Arguments = Record<string, unknown>;

/**
 * An estimate, before anything runs, of the work an operation asks for, in values read: each unit, value,
 * finding, story and month it will touch, from the shape of the tree and the units its arguments name. It is
 * an upper bound (a unit's subtree is taken as the largest it could be), so a query can cost less than
 * estimated, never much more.
 */
export function estimateWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Arguments,
  tree: TreeShape,
  /** The subtree size of a unit named by code, when known; otherwise the largest there is is assumed. */
  subtreeOf: (code: string) => number | undefined,
): number {
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment] as const),
  );
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const fieldsOf = (selectionSet: SelectionSetNode, seen: ReadonlySet<string> = new Set()): FieldNode[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, seen);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment that spreads itself is refused by validation; the guard keeps the walk finite regardless.
      return fragment && !seen.has(name) ? fieldsOf(fragment.selectionSet, new Set([...seen, name])) : [];
    });

  const argumentsOf = (field: FieldNode): Arguments =>
    Object.fromEntries(
      (field.arguments ?? []).map((argument) => [
        argument.name.value,
        valueFromASTUntyped(argument.value, variables),
      ]),
    );

  const level = (args: Arguments) => {
    const name = args.level;
    return typeof name === 'string' ? tree.levels.get(name as OrgLevel) : undefined;
  };

  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType, units: Units | null): number => {
    if (!isObjectType(type)) return 0;
    const fields = type.getFields();
    let work = 0;
    for (const field of fieldsOf(selectionSet)) {
      const definition: GraphQLField<unknown, unknown> | undefined = fields[field.name.value];
      if (!definition) continue;
      const args = argumentsOf(field);
      const each = units?.count ?? 1;
      const largest = units?.largestSubtree ?? tree.units;
      let below: Units | null = units;
      switch (`${type.name}.${field.name.value}`) {
        case 'Query.orgUnits':
        case 'Query.orgUnitsConnection': {
          const ofLevel = level(args);
          below = {
            count: Math.min(ofLevel?.units ?? tree.units, pageOf(field.name.value, args)),
            largestSubtree: ofLevel?.largestSubtree ?? tree.units,
            distinct: true,
          };
          break;
        }
        case 'Query.orgUnit': {
          const code = args.code;
          below = {
            count: 1,
            largestSubtree: (typeof code === 'string' ? subtreeOf(code) : undefined) ?? tree.units,
            distinct: true,
          };
          break;
        }
        case 'OrgUnit.descendants':
        case 'OrgUnit.descendantsConnection': {
          const ofLevel = level(args);
          const perUnit = Math.min(largest, ofLevel?.units ?? largest, pageOf(field.name.value, args));
          below = {
            count: each * perUnit,
            largestSubtree: Math.min(largest, ofLevel?.largestSubtree ?? largest),
            distinct: each === 1,
          };
          break;
        }
        case 'OrgUnit.children':
          below = {
            count: units?.distinct ? Math.min(each * largest, tree.units) : each * largest,
            largestSubtree: largest,
            distinct: units?.distinct ?? true,
          };
          break;
        case 'OrgUnit.ancestors':
          below = { count: each * MOST_ANCESTORS, largestSubtree: tree.units, distinct: false };
          break;
        case 'OrgUnit.parent':
          below = { count: each, largestSubtree: tree.units, distinct: false };
          break;
        case 'OrgUnit.attention':
        case 'OrgUnit.attentionConnection':
        case 'OrgUnit.celebrations': {
          work += each * largest * FINDINGS_PER_UNIT;
          const first = typeof args.first === 'number' ? args.first : DEFAULT_FINDINGS;
          // What is asked of each finding is asked of each of the `first` shown, at units of this subtree.
          below = { count: each * first, largestSubtree: largest, distinct: false };
          break;
        }
        case 'OrgUnit.reviews':
          work += each * largest;
          break;
        case 'OrgUnit.stories':
        case 'OrgUnit.storiesConnection':
          work += args.descendants === true ? each * largest : each;
          break;
        case 'OrgUnit.scorecard':
          work += each * tree.kpis;
          break;
        case 'OrgUnit.series':
          work += each * seriesMonths(args);
          break;
        default:
          // Any other object, or list of them, is a value or a record read for each unit.
          if (isObjectType(getNamedType(definition.type))) work += each;
      }
      // Each unit a list brings is read and made, whatever is asked of it.
      if (below !== units) work += below!.count;
      if (field.selectionSet) work += walk(field.selectionSet, getNamedType(definition.type), below);
    }
    return work;
  };
  return walk(operation.selectionSet, root, null);
}

/** Items a connection's page holds; a plain list holds them all. */
function pageOf(fieldName: string, args: Arguments): number {
  if (!fieldName.endsWith('Connection')) return Infinity;
  return typeof args.first === 'number' ? args.first : DEFAULT_PAGE;
}

/** Months from `from` to `to` as a series reads them: a bad or reversed range is refused when it runs. */
function seriesMonths(args: Arguments): number {
  const { from, to } = args;
  if (typeof from !== 'string' || typeof to !== 'string') return UNKNOWN_SERIES_MONTHS;
  try {
    const index = (label: string) => {
      const [month] = parsePeriod(label).months;
      return Number(month!.slice(0, 4)) * 12 + Number(month!.slice(5, 7));
    };
    return Math.max(1, index(to) - index(from) + 1);
  } catch {
    return UNKNOWN_SERIES_MONTHS;
  }
}

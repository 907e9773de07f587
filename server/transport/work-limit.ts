import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { GraphQLError, Kind, OperationTypeNode, visit } from 'graphql';
import type { OrgLevel } from '../engine/kpi/vocabulary';
import { estimateWork } from './work-estimate';
import type { TreeShape } from './work-estimate';

/**
 * The most work one operation may ask for, in values read (server/transport/work-estimate.ts): at the size of an
 * integrated care system, some seconds of the server's time. A scorecard of every KPI for each of an
 * organisation's 889 units is within it, as is `attention` at the system several times over; a scorecard for
 * every unit of the system, or the findings of every unit's ancestors, is not.
 */
export const MAX_WORK = 50_000;
/** The tree's shape is read again at most this often: units are added rarely, and one more is no risk. */
const SHAPE_STALE_MS = 10_000;

type Variables = Record<string, unknown>;

/** A read of the tree's shape: when it began, and whether a newer one is on its way. */
interface ShapeRead {
  read: Promise<TreeShape>;
  at: number;
  renewing: boolean;
}

function addsUnitsIn(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === OperationTypeNode.MUTATION &&
    operation.selectionSet.selections.some(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === 'createOrgUnit',
    )
  );
}

/**
 * Refuses, before anything runs, an operation whose estimated work is over `maxWork`: its cost counted from what
 * it would touch at the tree's present size, where graphql-armor's cost counts only the fields it names.
 */
export class WorkLimit {
  private shape: ShapeRead | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: GraphQLSchema,
    private readonly kpis: number,
    private readonly maxWork = MAX_WORK,
  ) {}

  /** The refusal, or null when the operation is within the limit. */
  async check(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Variables,
  ): Promise<GraphQLError | null> {
    const tree = await this.treeShape();
    const estimate = (subtrees: ReadonlyMap<string, number>) =>
      estimateWork(this.schema, document, operation, variables, tree, (code) => subtrees.get(code));
    // Most operations are within the limit even if every unit they name were the whole system.
    if (estimate(new Map()) <= this.maxWork) return null;
    const work = estimate(await this.subtreesOf(document, variables));
    if (work <= this.maxWork) return null;
    return new GraphQLError(
      `This operation would read about ${Math.round(work).toLocaleString('en-GB')} values, units and findings; the limit is ${this.maxWork.toLocaleString('en-GB')}. Ask for fewer units, KPIs or months at once, or in parts`,
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
    );
  }

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        let addsUnits = false;
        return {
          didResolveOperation: async ({ document, operation, request }) => {
            if (!operation) return;
            addsUnits = addsUnitsIn(operation);
            const refusal = await this.check(document, operation, request.variables ?? {});
            if (refusal) throw refusal;
          },
          // A unit added through this instance is counted at once; one added through another within seconds.
          willSendResponse: async () => {
            if (addsUnits) this.shape = null;
          },
        };
      },
    };
  }

  private treeShape(): Promise<TreeShape> {
    if (!this.shape) this.shape = this.shapeRead();
    else if (Date.now() - this.shape.at > SHAPE_STALE_MS && !this.shape.renewing) {
      // The shape in hand answers until the new one is in: only the first operation waits for a read, and none
      // waits behind a long statement on a database of one connection.
      const current = this.shape;
      current.renewing = true;
      const renewed = this.shapeRead();
      renewed.read.then(
        () => this.shape === current && (this.shape = renewed),
        () => (current.renewing = false),
      );
    }
    return this.shape.read;
  }

  private shapeRead(): ShapeRead {
    const read = this.readTreeShape();
    const shapeRead: ShapeRead = { read, at: Date.now(), renewing: false };
    // A failed read is not kept: the next operation reads again.
    read.catch(() => this.shape === shapeRead && (this.shape = null));
    return shapeRead;
  }

  private async readTreeShape(): Promise<TreeShape> {
    const rows = await this.orm.em.fork().execute<{ level: OrgLevel; units: number; largest: number }[]>(
      `select unit.level, count(*)::int as units, max(subtree.units)::int as largest
       from org_unit unit
       join (select org_unit_id, sum(units) as units from subtree_unit_count group by org_unit_id) subtree
         on subtree.org_unit_id = unit.id
       group by unit.level`,
    );
    return {
      units: rows.reduce((sum, row) => sum + row.units, 0),
      kpis: this.kpis,
      levels: new Map(rows.map((row) => [row.level, { units: row.units, largestSubtree: row.largest }])),
    };
  }

  /** The subtree size of each unit the operation names by `code`. */
  private async subtreesOf(document: DocumentNode, variables: Variables): Promise<Map<string, number>> {
    const codes = new Set<string>();
    visit(document, {
      Argument(argument) {
        if (argument.name.value !== 'code') return;
        const code =
          argument.value.kind === Kind.STRING
            ? argument.value.value
            : argument.value.kind === Kind.VARIABLE
              ? variables[argument.value.name.value]
              : undefined;
        if (typeof code === 'string') codes.add(code);
      },
    });
    if (codes.size === 0) return new Map();
    const rows = await this.orm.em.fork().execute<{ code: string; units: number }[]>(
      `select unit.code, sum(subtree.units)::int as units
       from org_unit unit join subtree_unit_count subtree on subtree.org_unit_id = unit.id
       where unit.code = any(array[?]::text[]) group by unit.code`,
      [[...codes]],
    );
    return new Map(rows.map((row) => [row.code, row.units]));
  }
}

import { Field, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { encodeCursor } from './paging';

@ObjectType({
  description: 'Where a page of a connection sits: whether more follow, and the cursor to ask after.',
})
export class PageInfo {
  @Field({ description: 'Another page follows this one: ask for it with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The cursor of this page's last item; null for an empty page.",
  })
  endCursor!: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
}

/**
 * The Relay connection type of a node type (`<Name>Connection`, `<Name>Edge`): `edges` with a cursor each,
 * `nodes` for a client that needs no cursors but the last, and `pageInfo`.
 */
export function connectionType<Node extends object>(
  node: ClassType<Node>,
  name: string,
): ClassType<Connection<Node>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Pass as `after` to read the items that follow this one.' })
    cursor!: string;

    @Field(() => node)
    node!: Node;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items, in the order the list gives them.`,
  })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [node], { description: 'The items of the page, as in `edges`.' })
    nodes!: Node[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A page from up to `first + 1` items read in order: the extra one says only that another page follows. */
export function toConnection<Node>(
  items: readonly Node[],
  first: number,
  keyOf: (node: Node, index: number) => readonly (string | number)[],
): Connection<Node> {
  const nodes = items.slice(0, first);
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(keyOf(node, index)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: items.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

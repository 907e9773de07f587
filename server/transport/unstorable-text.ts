import type { ApolloServerPlugin } from '@apollo/server';
import type { ASTNode, DocumentNode } from 'graphql';
import { BREAK, GraphQLError, Kind, visit } from 'graphql';
import { badUserInput } from '../engine/errors';
import type { DomainError } from '../engine/errors';
import { unstorable } from '../storage/db/unstorable';

/** Why the first string of a literal cannot be stored, or null when every one can. */
function firstUnstorable(value: ASTNode): string | null {
  let reason: string | null = null;
  visit(value, {
    StringValue(node) {
      reason = unstorable(node.value);
      return reason ? BREAK : undefined;
    },
  });
  return reason;
}

/** The first string in a variable's value that cannot be stored, named by the key that holds it. */
function inValue(value: unknown, field: string): DomainError | null {
  if (typeof value === 'string') {
    const reason = unstorable(value);
    return reason ? badUserInput(field, reason) : null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const error = inValue(item, field);
      if (error) return error;
    }
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const error = inValue(item, key);
      if (error) return error;
    }
  }
  return null;
}

/** The argument or input field a literal stands in. */
function fieldOf(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const node = ancestors[index]!;
    if ('kind' in node && (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD))
      return node.name.value;
  }
  return 'query';
}

/**
 * BAD_USER_INPUT naming the field, when any string of an operation (a literal in it or a variable's value)
 * could not be stored as it was sent: refused before anything runs, rather than failing in the database.
 */
export function unstorableTextError(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): DomainError | null {
  let literal: DomainError | null = null;
  /** A variable's default that cannot be stored, to be named by where the variable is given. */
  let inDefault: { variable: string; reason: string } | null = null;
  /** The argument or input field each variable is given to, so that a refusal names what the client filled in. */
  const usedAs = new Map<string, string>();
  visit(document, {
    VariableDefinition(definition) {
      if (definition.defaultValue && !inDefault) {
        const reason = firstUnstorable(definition.defaultValue);
        if (reason) inDefault = { variable: definition.variable.name.value, reason };
      }
      return false;
    },
    StringValue(node, _key, parent, _path, ancestors) {
      const reason = unstorable(node.value);
      if (!reason) return undefined;
      literal = badUserInput(fieldOf([...ancestors, parent!]), reason);
      return BREAK;
    },
    Variable(node, _key, parent, _path, ancestors) {
      if (!usedAs.has(node.name.value)) usedAs.set(node.name.value, fieldOf([...ancestors, parent!]));
    },
  });
  if (literal) return literal;
  if (inDefault) {
    const { variable, reason } = inDefault;
    return badUserInput(usedAs.get(variable) ?? variable, reason);
  }
  for (const [name, value] of Object.entries(variables ?? {})) {
    const error = inValue(value, usedAs.get(name) ?? name);
    if (error) return error;
  }
  return null;
}

/** Apollo Server's side of `unstorableTextError`. */
export function refuseUnstorableText(): ApolloServerPlugin[] {
  return [
    {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, request }) {
            const error = unstorableTextError(document, request.variables);
            // Thrown before the operation runs, so Apollo answers with the status it is given, not its 500.
            if (error)
              throw new GraphQLError(error.message, {
                extensions: { code: error.code, ...error.details, http: { status: 400 } },
              });
          },
        };
      },
    },
  ];
}

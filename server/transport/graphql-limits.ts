import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one operation may ask for, checked before it runs. Depth allows a walk from the
 * system down to an individual with a KPI value at each level; the rest are graphql-armor's defaults.
 */
export const MAX_TOKENS = 5_000;

export function graphqlLimits(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: 14 },
    costLimit: { maxCost: 20_000 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    // Token counting belongs to the parser (`parseOptions.maxTokens`), where a refusal is a 400 parse error.
    maxTokens: { enabled: false },
    // Suggestions ("did you mean …?") help while building a client, and map the schema for an attacker.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

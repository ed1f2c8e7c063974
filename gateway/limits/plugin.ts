import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import type { GatewayContext } from '../context';
import type { OperationLimits } from './options';
import { limitCodeOf, limitExceeded, type LimitKind } from './refusal';
import { operationLimitsRule } from './rule';

/** What Apollo Server is given to enforce the operation limits. */
export interface OperationLimitsSetup {
  plugin: ApolloServerPlugin<GatewayContext>;
  /** `parseOptions`: the parser stops at the token after the limit. */
  parseOptions: ParseOptions;
  /** `validationRules`: the other limits, on the parsed document. */
  validationRules: ValidationRule[];
}

/**
 * Operation limits, on by default, checked after parsing and before planning or the policy
 * walk: tokens by the parser, the rest by one validation rule that measures the document in
 * one pass. A document over a limit is a 400 with the limit's code and its numbers; the
 * plugin gives back the code Apollo replaces with GRAPHQL_PARSE_FAILED or _VALIDATION_FAILED.
 */
export function operationLimits(
  limits: OperationLimits,
  onRefused: (kind: LimitKind) => void = () => {},
): OperationLimitsSetup {
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            if (
              error instanceof GraphQLError &&
              /contains more th(?:an|at) \d+ tokens/.test(error.message)
            ) {
              onRefused('tokens');
              // Apollo wraps this error as GRAPHQL_PARSE_FAILED, keeping its message and extensions.
              const refusal = limitExceeded('tokens', limits.maxTokens + 1, limits.maxTokens);
              error.message = refusal.message;
              Object.assign(error.extensions, refusal.extensions);
            }
          };
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = limitCodeOf(error.originalError);
            if (code) (error.extensions as Record<string, unknown>).code = code;
          }
        },
      };
    },
  };
  return {
    plugin,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [operationLimitsRule(limits, onRefused)],
  };
}

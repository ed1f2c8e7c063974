import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { decodeJwt } from 'jose';
import type { BuiltPlugins, GatewayParts } from '../gateway';
import { authorizationPlugin } from '../gateway/authorization/plugin';
import { createContextFactory, type GatewayContext } from '../gateway/context';
import { consumerFromClaims, readBearerToken, type TokenVerifier } from '../gateway/identity';
import { accessRecordsPlugin } from '../gateway/plugins/access-records';
import { badInputPlugin } from '../gateway/plugins/bad-input';
import { requestIdPlugin } from '../gateway/plugins/request-id';
import { requestLogPlugin } from '../gateway/plugins/request-log';
import { telemetryPlugin } from '../gateway/plugins/telemetry';
import type { LivePolicyHolder } from '../gateway/live-policy';
import type { RateLimiter } from '../gateway/rate';
import type { RefusalRecords } from '../gateway/refusals';
import { packPolicyRules, type Decision, type PolicyAbility, type PolicyEngine } from '../policies';

/** What a variant of our gateway leaves out, to measure what it costs. */
export const VARIANTS = [
  'identity',
  'policy',
  'masking',
  'records',
  'controls',
  'pinning',
] as const;
export type Variant = (typeof VARIANTS)[number];

/**
 * Our gateway composed without one protection, from the same parts as the shipped one
 * (`composeGateway`'s): nothing in the gateway itself can switch a protection off.
 */
export function withoutProtection(variant: Variant | null, parts: GatewayParts): GatewayParts {
  if (variant === null) return parts;
  const { security, logger, records } = parts;
  switch (variant) {
    case 'identity':
      // Claims decoded, signature not checked.
      return {
        ...parts,
        security: {
          ...security,
          createContext: createContextFactory({
            verifyToken: unverifiedTokens,
            policy: security.policy,
            supergraph: security.supergraph,
          }),
        },
      };
    case 'policy':
      // No field decisions (so no masking); departments told every row is readable.
      return {
        ...parts,
        security: {
          ...security,
          createContext: async (req, arrival) => {
            const context = await security.createContext(req, arrival);
            return {
              ...context,
              supergraph: { ...context.supergraph, departmentRules: () => READ_ALL },
            };
          },
        },
        plugins: plugins(parts, { authorization: false }),
      };
    case 'masking':
      // Decisions kept, values left clear: a masked field is decided as allowed.
      return {
        ...parts,
        plugins: plugins(parts, { engineOf: unmaskedOf }),
      };
    case 'records':
      // No access record written: the response is not held for a commit.
      return { ...parts, plugins: plugins(parts, { records: false }), refusals: NO_REFUSALS };
    case 'controls':
      // No operation limits, demand control, trusted documents, grant quotas or rate limits
      // (upstream timeouts, retry and breaker stay: they are how a subgraph is called).
      return {
        ...parts,
        plugins: plugins(parts, { controls: false }),
        validationRules: () => [],
        rateLimiter: NO_RATE_LIMIT,
      };
    case 'pinning': {
      // POLICY_SOURCE=db, but every request gets the policy live at start-up, frozen, and the
      // follower is stopped: no NOTIFY, no polling, no acknowledgement, no lease (/readyz turns
      // 503 after it; the bench does not ask). Against the whole gateway on the same source, what
      // following, acknowledging and pinning cost. (The admission's own read of the holder
      // stays: it is one property read and one clock comparison.)
      void (security.policy as Partial<LivePolicyHolder>).follower?.stop();
      const frozen = security.policy.current();
      return {
        ...parts,
        security: {
          ...security,
          createContext: async (req, arrival) => ({
            ...(await security.createContext(req, arrival)),
            policy: frozen,
            policyRevision: frozen.revision,
          }),
        },
      };
    }
    default: {
      const never: never = variant;
      throw new Error(`Unknown variant ${String(never)}`);
    }
  }

  function plugins(
    p: GatewayParts,
    choice: {
      authorization?: boolean;
      engineOf?: (context: GatewayContext) => PolicyEngine;
      records?: boolean;
      controls?: boolean;
    },
  ): (built: BuiltPlugins) => ApolloServerPlugin<GatewayContext>[] {
    // The same plugins in the same order as gatewayPlugins (gateway/plugins/index.ts).
    return (built) => [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      requestLogPlugin(logger),
      requestIdPlugin(),
      telemetryPlugin(built.telemetry),
      ...(choice.controls === false ? [] : [built.limits, built.documents]),
      ...(choice.authorization === false
        ? []
        : [
            authorizationPlugin({
              engineOf: choice.engineOf,
              mode: p.security.mode,
              telemetry: built.telemetry,
            }),
          ]),
      ...(choice.controls === false ? [] : [built.cost, built.quota]),
      badInputPlugin(),
      ...(choice.records === false
        ? []
        : [
            accessRecordsPlugin({
              writer: records.writer,
              nonPersonalOnOutage: records.nonPersonalOnOutage,
              logger,
              telemetry: built.telemetry,
            }),
          ]),
    ];
  }
}

const READ_ALL = {
  rules: packPolicyRules([{ action: 'read', subject: 'all' }]),
  borrowedRules: [],
};

const NO_RATE_LIMIT: RateLimiter = {
  check: async () => ({ headers: {}, refusal: null }),
};

const NO_REFUSALS: RefusalRecords = {
  record: async () => undefined,
  close: async () => undefined,
};

/** Reads a token's claims without checking its signature. */
const unverifiedTokens: TokenVerifier = async (authorization) =>
  consumerFromClaims(decodeJwt(readBearerToken(authorization ?? '')));

const unmaskedEngines = new WeakMap<PolicyEngine, PolicyEngine>();

/** The request's pinned engine, unmasked (one wrapper per engine). */
function unmaskedOf(context: GatewayContext): PolicyEngine {
  const engine = context.policy.engine;
  let variant = unmaskedEngines.get(engine);
  if (!variant) unmaskedEngines.set(engine, (variant = unmasked(engine)));
  return variant;
}

/** The engine with every masked decision turned into an allowed one. */
function unmasked(engine: PolicyEngine): PolicyEngine {
  // One wrapper per ability, so what the gateway caches per ability stays cached.
  const wrapped = new WeakMap<PolicyAbility, PolicyAbility>();
  return {
    purposes: engine.purposes,
    quotas: engine.quotas,
    requests: engine.requests,
    abilityFor(consumer, purpose, document) {
      const ability = engine.abilityFor(consumer, purpose, document);
      const known = wrapped.get(ability);
      if (known) return known;
      const decide = (type: string, field: string): Decision => {
        const decision = ability.decide(type, field);
        return decision.effect === 'mask' ? { ...decision, effect: 'allow' } : decision;
      };
      const variant: PolicyAbility = {
        consumer: ability.consumer,
        purpose: ability.purpose,
        casl: ability.casl,
        decide,
        rulesFor: (types, provider) => ability.rulesFor(types, provider),
        borrowedRulesFor: (borrowed, provider) => ability.borrowedRulesFor(borrowed, provider),
      };
      wrapped.set(ability, variant);
      return variant;
    },
  };
}

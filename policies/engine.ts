import { createPolicyAbility, type PolicyAbility } from './ability';
import { compileRules } from './compile';
import { consumerKey } from './consumers';
import { LruMap } from './lru';
import { openedByIndex } from './opened-by';
import type { GrantQuota, PolicySet } from './policy-set';
import type { Classification, Consumer } from './types';

/** How many (consumer, purpose) abilities an engine keeps compiled, by default. */
export const DEFAULT_ABILITY_CACHE_SIZE = 1000;

/** Options of createPolicyEngine. */
export interface PolicyEngineOptions {
  /** The clock grants expire by. Default: the system clock. */
  readonly now?: () => Date;
  /** How many (consumer, purpose) abilities to keep compiled. Default: DEFAULT_ABILITY_CACHE_SIZE. */
  readonly cacheSize?: number;
}

/** Compiles policies into abilities, per consumer and purpose. */
export interface PolicyEngine {
  /** The purpose codes of the catalogue. */
  readonly purposes: ReadonlySet<string>;
  /**
   * The ability of a consumer under a purpose (cached until a grant it applies expires).
   * `document`: the id of the trusted document the request runs, null when it runs an
   * unlisted one (then grants restricted to documents do not apply).
   */
  abilityFor(consumer: Consumer, purpose: string, document?: string | null): PolicyAbility;
  /** The daily quotas of the grants that carry one, by grant id. */
  readonly quotas: ReadonlyMap<string, GrantQuota>;
  /** The sharing request behind each grant derived from one, by grant id. */
  readonly requests: ReadonlyMap<string, string>;
}

/**
 * Creates the policy engine over a policy set and the graph's classification. Pure: it reads
 * no files and knows nothing of GraphQL or HTTP.
 */
export function createPolicyEngine(
  policies: PolicySet,
  classification: Classification,
  options: PolicyEngineOptions = {},
): PolicyEngine {
  const now = options.now ?? (() => new Date());
  const purposes: ReadonlySet<string> = new Set(policies.purposes.map((p) => p.code));
  const openedBy = openedByIndex(policies, classification);
  const cache = new LruMap<string, { ability: PolicyAbility; validUntil: number }>(
    options.cacheSize ?? DEFAULT_ABILITY_CACHE_SIZE,
  );

  // Without a grant restricted to documents, the document changes nothing: one ability serves all.
  const byDocument = policies.grants.some((g) => g.documents !== undefined);

  function abilityFor(
    consumer: Consumer,
    purpose: string,
    document: string | null = null,
  ): PolicyAbility {
    const at = now();
    const key = `${consumerKey(consumer)}\n${purpose}\n${byDocument ? (document ?? '-') : ''}`;
    const cached = cache.get(key);
    if (cached && at.getTime() < cached.validUntil) return cached.ability;
    const compiled = compileRules(
      policies,
      classification,
      consumer,
      purpose,
      at,
      byDocument ? document : null,
    );
    const ability = createPolicyAbility(compiled, {
      consumer,
      purpose,
      purposeKnown: purposes.has(purpose),
      classification,
      openedBy,
    });
    cache.set(key, { ability, validUntil: compiled.validUntil });
    return ability;
  }

  const quotas: ReadonlyMap<string, GrantQuota> = new Map(
    policies.grants.flatMap((g) => (g.quota ? [[g.id, g.quota] as const] : [])),
  );
  const requests: ReadonlyMap<string, string> = new Map(
    policies.grants.flatMap((g) => (g.request ? [[g.id, g.request] as const] : [])),
  );
  return Object.freeze({ purposes, abilityFor, quotas, requests });
}

import { perOfficial, type Observation, type RuleContext } from '../observation';

/** Repeated denied attempts (probing): more than `maxRefused` refused requests in the window. */
export function probing(records: readonly Observation[], ctx: RuleContext) {
  const p = ctx.policy.rules.probing;
  return perOfficial(
    'probing',
    records,
    ctx,
    p.windowMinutes * 60_000,
    (r) => r.outcome === 'refused',
    (official, own) =>
      own.length <= p.maxRefused
        ? null
        : {
            explanation: `${official} was refused ${own.length} times in ${p.windowMinutes} min; more than ${p.maxRefused} refusals raise this.`,
            explanationZh: `${official} 在 ${p.windowMinutes} 分钟内被拒绝 ${own.length} 次；超过 ${p.maxRefused} 次即触发本规则。`,
          },
  );
}

import {
  bucket,
  groupBy,
  within,
  type Finding,
  type Observation,
  type RuleContext,
} from '../observation';

/**
 * Sequential paging over a list: the same operation, run at least `minPages` times in the
 * window, each time disclosing at least `minNewPersonsPerPage` persons not seen before.
 */
export function sequentialPaging(records: readonly Observation[], ctx: RuleContext): Finding[] {
  const p = ctx.policy.rules['sequential-paging'];
  const windowMs = p.windowMinutes * 60_000;
  const served = within(records, ctx.now, windowMs).filter((r) => r.outcome === 'served');
  const findings: Finding[] = [];
  for (const [, runs] of groupBy(served, (r) => `${r.official}\u0000${r.operationHash}`)) {
    const seen = new Set<string>();
    const pages = [...runs]
      .sort((a, b) => a.at - b.at)
      .filter((r) => {
        const fresh = r.subjects.filter((s) => !seen.has(s));
        fresh.forEach((s) => seen.add(s));
        return fresh.length >= p.minNewPersonsPerPage;
      });
    if (pages.length < p.minPages) continue;
    const official = pages[0]!.official;
    findings.push({
      rule: 'sequential-paging',
      official,
      department: pages[0]!.department,
      evidence: pages.map((r) => r.id),
      explanation: `${official} ran one operation ${pages.length} times in ${p.windowMinutes} min, each page disclosing new persons (${seen.size} in all); ${p.minPages} pages of at least ${p.minNewPersonsPerPage} new persons raise this.`,
      explanationZh: `${official} 在 ${p.windowMinutes} 分钟内将同一操作执行 ${pages.length} 次，每页均出现新的人员（共 ${seen.size} 人）；${p.minPages} 页、每页至少 ${p.minNewPersonsPerPage} 名新人员即触发本规则。`,
      key: `sequential-paging:${official}:${pages[0]!.operationHash}:${bucket(ctx.now, windowMs)}`,
    });
  }
  return findings;
}

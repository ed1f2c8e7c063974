import type { Penalty } from './types';
import { REFERENCE_DAY, isoDate } from './calendar';
import { districtDepartment, municipalDepartment } from './departments';
import type { DistrictInfo } from './districts';
import { PENALTY_REASONS } from './enterprise-terms';
import type { Rng } from './random';

/**
 * Administrative penalties decided by market regulation against enterprise k: mostly by the
 * district bureau, sometimes by the municipal one. Decision numbers are unique per (k, i).
 */
export function penaltiesOf(
  rng: Rng,
  k: number,
  district: DistrictInfo,
  establishedDay: number,
  delinquent: boolean,
): Penalty[] {
  if (!rng.chance(delinquent ? 0.4 : 0.08)) return [];
  const count = rng.int(1, 3);
  const penalties: Penalty[] = [];
  for (let i = 0; i < count; i++) {
    const day = establishedDay + Math.floor((REFERENCE_DAY - 1 - establishedDay) * rng.float());
    const municipal = rng.chance(0.15);
    const authority = municipal
      ? municipalDepartment('market-regulation')
      : districtDepartment('market-regulation', district.code);
    const issuer = municipal ? '成市监' : `成${district.short}市监`;
    penalties.push({
      decisionNumber: `${issuer}处罚〔${isoDate(day).slice(0, 4)}〕${k * 3 + i + 1}号`,
      decidedOn: isoDate(day),
      reason: rng.pick(PENALTY_REASONS),
      amount: rng.int(1, 400) * 500,
      authorityCode: authority.code,
    });
  }
  return penalties.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}

import { createCity } from '../../../fixtures/city';
import { officials } from '../../../fixtures/city/officials';
import { normalTraffic, type TrafficRecord } from '../../../fixtures/city/traffic';
import type {
  Observation,
  RuleContext,
} from '../../../subgraphs/data-bureau/incidents/observation';
import { loadAnomalyPolicy } from '../../../subgraphs/data-bureau/incidents/policy';
import { relationsOf } from '../../../subgraphs/data-bureau/incidents/relations';

export const policy = loadAnomalyPolicy();

/** A normal working day of a city, its officials, and the context the rules run in at its end. */
export function normalDay(options: { seed: number; persons: number }, day = '2026-11-18') {
  const city = createCity(options);
  const staff = officials(city);
  const records: Observation[] = normalTraffic(city, staff, day);
  const now = Date.parse(`${day}T23:59:00+08:00`);
  const context: RuleContext = { policy, now, relations: relationsOf(staff) };
  return { city, staff, records, now, context };
}

let counter = 0;

/** One injected record: an official's normal read, changed by `patch`. */
export function injected(
  base: TrafficRecord | Observation,
  patch: Partial<Observation>,
): Observation {
  counter += 1;
  return { ...base, id: `INJ-${counter}`, ...patch };
}

import { readFileSync } from 'node:fs';
import {
  ANOMALY_POLICY_PATH,
  longestWindowMs,
  parseAnomalyPolicy,
} from '../../../subgraphs/data-bureau/incidents/policy';

const text = readFileSync(ANOMALY_POLICY_PATH, 'utf8');

describe('policies/anomalies.yaml', () => {
  it('gives every rule its parameters; the longest window is a day', () => {
    const policy = parseAnomalyPolicy(text);
    expect(Object.keys(policy.rules).sort()).toEqual([
      'household-or-colleagues',
      'person-many-officials',
      'persons-without-case',
      'probing',
      'sensitive-off-hours',
      'sequential-paging',
      'two-places',
      'volume-vs-peers',
    ]);
    expect(longestWindowMs(policy)).toBe(24 * 3_600_000);
  });

  it('refuses a missing parameter, an unknown key and a bad clock, naming each', () => {
    const broken = text
      .replace('maxRefused: 8', 'maxRefused: 0')
      .replace("start: '08:30'", "start: '8h30'")
      .replace(
        'two-places: { windowMinutes: 10 }',
        'two-places: { windowMinutes: 10, radiusKm: 5 }',
      );
    expect(() => parseAnomalyPolicy(broken, 'anomalies.yaml')).toThrow(
      /^anomalies\.yaml: invalid anomaly policy: .*workingHours\.start: a time as HH:MM.*rules\.two-places: .*radiusKm.*rules\.probing\.maxRefused: .*Fix those keys\.$/,
    );
  });
});

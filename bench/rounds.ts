import type { Environment } from './environment';
import { fire, measure, requestFor, type Load, type Sample } from './measure';
import { seededRandom, type Operation, type OperationId } from './operations';
import type { Target, TargetName } from './targets';
import { sameAsStock, verify, type Verification } from './verify';

/** One target × operation to measure, round after round. */
export interface Cell {
  target: Target;
  operation: Operation;
  /** Entities per request when the operation is a list (the scale curve's x axis). */
  entities: number | null;
  /** The offered load of this cell (requests/s), over the section's; none: as fast as answered. */
  rate?: number;
}

/** The check made on a cell before its timing, as recorded in the results. */
export interface CellVerification extends Verification {
  section: Sample['section'];
  target: TargetName;
  operation: OperationId;
  entities: number | null;
  persons: number;
}

/**
 * Verifies every cell once, then measures the ones that passed in alternating rounds
 * (A B C D A B C D ...), so load drift on the machine spreads over all targets alike.
 * Each cell gets an unrecorded warm-up before its first round.
 */
export async function runRounds(
  environment: Environment,
  cells: readonly Cell[],
  options: {
    section: Sample['section'];
    rounds: number;
    load: Load;
    warmupS: number;
    /** Honest numbers: the most other processes may use (% of the machine) for a round to count. */
    maxOtherLoad: number;
    /** Reruns of a round measured above maxOtherLoad before the cell is left not measured. */
    retries: number;
  },
  log: (line: string) => void,
): Promise<{ samples: Sample[]; verifications: CellVerification[] }> {
  const loadOf = (cell: Cell): Load =>
    cell.rate ? { ...options.load, rate: cell.rate } : options.load;
  const verifications: CellVerification[] = [];
  const answers = new Map<string, Verification>();
  const ready: { cell: Cell; request: ReturnType<typeof requestFor>; random: () => number }[] = [];
  for (const [index, cell] of cells.entries()) {
    const request = requestFor(cell.target, cell.operation, environment.fixtures);
    const checked = await verify(
      cell.operation,
      request,
      seededRandom(7),
      environment.probes.statsUrl,
    );
    const stock = answers.get(`stock ${cell.operation.id} ${cell.entities}`);
    const verification = sameAsStock(cell.target.name, checked, stock);
    answers.set(`${cell.target.name} ${cell.operation.id} ${cell.entities}`, checked);
    verifications.push({
      ...verification,
      data: undefined, // compared, not kept
      section: options.section,
      target: cell.target.name,
      operation: cell.operation.id,
      entities: cell.entities,
      persons: environment.persons,
    });
    if (verification.ok) ready.push({ cell, request, random: seededRandom(1000 + index) });
    else log(`  ${cell.target.name} × ${cell.operation.id}: NOT TIMED, ${verification.problem}`);
  }
  const samples: Sample[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const { cell, request, random } of ready) {
      if (round === 1 && options.warmupS > 0) {
        await fire(request, random, { ...loadOf(cell), durationS: options.warmupS });
      }
      for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
        const measured = await measure(
          cell.target,
          request,
          random,
          loadOf(cell),
          environment.probes,
          {
            section: options.section,
            target: cell.target.name,
            operation: cell.operation.id,
            entities: cell.entities,
            persons: environment.persons,
            round,
          },
        );
        const accepted = measured.machine.otherPercent <= options.maxOtherLoad;
        const sample: Sample = { ...measured, accepted, attempt };
        samples.push(sample);
        log(describe(sample, options.maxOtherLoad));
        if (accepted) break;
        // Let whatever else ran settle before the rerun.
        if (attempt <= options.retries) await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      }
    }
  }
  return { samples, verifications };
}

/** Pause before rerunning a round the machine was too busy for. */
export const RETRY_PAUSE_MS = 3_000;

function describe(s: Sample, maxOtherLoad: number): string {
  const bad = s.non2xx + s.errors + s.graphqlErrors;
  const cpu = s.gatewayCpuMsPerReq === null ? '' : ` gw ${s.gatewayCpuMsPerReq.toFixed(2)} ms/req`;
  return (
    `  r${s.round} ${s.operation}${s.entities ? `(${s.entities})` : ''} ${s.target.padEnd(16)} ` +
    `${s.rps.toFixed(0).padStart(5)} rps p50 ${s.latencyMs.p50} ms p99 ${s.latencyMs.p99} ms${cpu} ` +
    `sql ${s.sqlPerReq.toFixed(1)}/req busy ${s.machine.busyPercent.toFixed(0)}% (other ${s.machine.otherPercent.toFixed(0)}%)${bad ? ` ERRORS ${bad}` : ''}` +
    (s.accepted ? '' : ` REJECTED: other load above ${maxOtherLoad}% (attempt ${s.attempt})`)
  );
}

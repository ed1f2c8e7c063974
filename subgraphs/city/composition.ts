import type { Gender } from './types';
import type { Rng } from './random';

/**
 * Who lives in a household of a given size: roles, genders and planned ages (in 365-day
 * years at the reference date). Members come in order head, spouse, children, parent.
 * Actual ages land within AGE_BLOCK years of the plan (see identity.ts), so plans keep
 * margins: heads are 25-78 (always adults of 22-80), parents at least 20 years older
 * than their children, spouses of legal marriage age.
 */

export type Role = '户主' | '配偶' | '子女' | '父母';

export interface MemberPlan {
  role: Role;
  gender: Gender;
  years: number;
}

type Shape = { spouse: boolean; children: number; parent: boolean };

const SHAPES: Record<number, readonly (readonly [Shape, number])[]> = {
  1: [[{ spouse: false, children: 0, parent: false }, 1]],
  2: [
    [{ spouse: true, children: 0, parent: false }, 0.65],
    [{ spouse: false, children: 1, parent: false }, 0.25],
    [{ spouse: false, children: 0, parent: true }, 0.1],
  ],
  3: [
    [{ spouse: true, children: 1, parent: false }, 0.75],
    [{ spouse: false, children: 2, parent: false }, 0.15],
    [{ spouse: true, children: 0, parent: true }, 0.1],
  ],
  4: [
    [{ spouse: true, children: 2, parent: false }, 0.7],
    [{ spouse: true, children: 1, parent: true }, 0.3],
  ],
  5: [
    [{ spouse: true, children: 3, parent: false }, 0.35],
    [{ spouse: true, children: 2, parent: true }, 0.65],
  ],
};

/** Chance that a young mother's youngest child is a newborn: about 6 births per 1000 residents. */
const NEWBORN_CHANCE = 0.065;
/** Planned gap between a parent and a child (at least 20 years once ages settle). */
const GENERATION = 24;

function shapeOf(rng: Rng, size: number): Shape {
  const shapes = SHAPES[size]!;
  let u = rng.float();
  for (const [shape, weight] of shapes) {
    if (u < weight) return shape;
    u -= weight;
  }
  return shapes[shapes.length - 1]![0];
}

const other = (gender: Gender): Gender => (gender === 'MALE' ? 'FEMALE' : 'MALE');
const randomGender = (rng: Rng): Gender => (rng.chance(0.51) ? 'MALE' : 'FEMALE');

/**
 * The members of a household of `size` (1..5), head first. With `newbornStride` > 0 the
 * household may hold one newborn (0 years), with a chance scaled up by the stride.
 */
export function planHousehold(rng: Rng, size: number, newbornStride: number): MemberPlan[] {
  const shape = shapeOf(rng, size);
  const withChildren = shape.children > 0;
  const headGender: Gender = rng.chance(shape.spouse ? 0.7 : 0.5) ? 'MALE' : 'FEMALE';
  const headYears = shape.parent
    ? rng.int(withChildren ? 28 : 25, 52)
    : rng.int(withChildren ? 28 : 25, withChildren ? 62 : 78);
  const members: MemberPlan[] = [{ role: '户主', gender: headGender, years: headYears }];

  if (shape.spouse) {
    const gap = rng.int(-2, 5);
    const gender = other(headGender);
    const years = gender === 'FEMALE' ? headYears - gap : headYears + gap;
    const minimum = withChildren ? GENERATION + 2 : gender === 'FEMALE' ? 22 : 25;
    members.push({ role: '配偶', gender, years: Math.min(85, Math.max(minimum, years)) });
  }

  const mother = members.find((m) => m.gender === 'FEMALE');
  const newborn =
    newbornStride > 0 &&
    withChildren &&
    mother !== undefined &&
    mother.years <= 42 &&
    rng.chance(NEWBORN_CHANCE * newbornStride);
  const oldestChild = Math.min(Math.min(...members.map((m) => m.years)) - GENERATION, 30);
  for (let i = 0; i < shape.children; i++) {
    const years = newborn && i === shape.children - 1 ? 0 : rng.int(1, oldestChild);
    members.push({ role: '子女', gender: randomGender(rng), years });
  }
  if (shape.parent) {
    const years = headYears + rng.int(GENERATION, GENERATION + 10);
    members.push({ role: '父母', gender: randomGender(rng), years });
  }
  return members;
}

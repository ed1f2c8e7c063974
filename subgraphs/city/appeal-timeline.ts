import type { Appeal, AppealStage, Department } from './types';
import { REFERENCE_DAY, timestampOfMinutes } from './calendar';
import type { AppealTopic } from './appeal-terms';
import type { Rng } from './random';

/** The closed loop: 受理 派单 办理 回复 办结 回访 评价. */
const LOOP: readonly AppealStage[] = [
  'ACCEPTED',
  'DISPATCHED',
  'HANDLING',
  'REPLIED',
  'CLOSED',
  'CALLED_BACK',
  'RATED',
];

/** Minutes each stage takes after the previous one, [min, max]. */
const DELAYS: Record<AppealStage, [number, number]> = {
  ACCEPTED: [0, 0],
  DISPATCHED: [5, 120],
  HANDLING: [30, 2_880],
  REPLIED: [1_440, 14_400],
  CLOSED: [60, 2_880],
  CALLED_BACK: [1_440, 4_320],
  RATED: [1, 10],
};

/** How far appeals have got, as the number of stages reached (1..7). */
const REACHED = [0.04, 0.04, 0.06, 0.06, 0.15, 0.1, 0.55];

function stagesReached(rng: Rng): number {
  let u = rng.float();
  for (let i = 0; i < REACHED.length; i++) {
    if (u < REACHED[i]!) return i + 1;
    u -= REACHED[i]!;
  }
  return LOOP.length;
}

const RATINGS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

/**
 * A prefix of the loop starting at `submittedAt` (minutes, Beijing time), cut where the
 * next stage would fall after the reference date. Returns the events and the rating.
 */
export function timeline(
  rng: Rng,
  submittedAt: number,
  topic: AppealTopic,
  hotline: Department,
  assigned: Department,
): { events: Appeal['timeline']; satisfaction: number | null } {
  const target = stagesReached(rng);
  const satisfaction = rng.chance(0.6) ? 5 : rng.chance(0.6) ? 4 : rng.int(1, 3);
  const solved = satisfaction >= 3;

  const notes: Record<AppealStage, [Department, string]> = {
    ACCEPTED: [hotline, `受理市民诉求：${topic.subject}`],
    DISPATCHED: [hotline, `派单至${assigned.name}`],
    HANDLING: [assigned, `${assigned.name}已签收，正在办理`],
    REPLIED: [assigned, `已答复市民：${topic.reply}`],
    CLOSED: [assigned, '办结，工单经审核归档'],
    CALLED_BACK: [
      hotline,
      solved ? '已回访，市民表示问题已解决' : '已回访，市民表示问题未完全解决',
    ],
    RATED: [hotline, `市民评价：${RATINGS[satisfaction - 1]}`],
  };

  const now = REFERENCE_DAY * 1_440;
  const events: Appeal['timeline'] = [];
  let at = submittedAt;
  for (const stage of LOOP.slice(0, target)) {
    const [min, max] = DELAYS[stage];
    at += events.length === 0 ? 0 : rng.int(min, max);
    if (at >= now) break;
    const [department, note] = notes[stage];
    events.push({ stage, at: timestampOfMinutes(at), departmentCode: department.code, note });
  }
  const rated = events.at(-1)?.stage === 'RATED';
  return { events, satisfaction: rated ? satisfaction : null };
}

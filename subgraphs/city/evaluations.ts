import type { Evaluation, RatingLevel } from './types';
import { SERVICE_ITEM_LIST } from './catalogue';
import type { CityContext } from './context';
import { REFERENCE_DAY, addWorkingDays, isoDate, timestamp } from './calendar';
import { randomAdult } from './households';
import { stream, weights, type Rng } from './random';
import { digits } from './scramble';

const LEVELS = weights<RatingLevel>({
  VERY_SATISFIED: 60,
  SATISFIED: 25,
  BASICALLY_SATISFIED: 7,
  DISSATISFIED: 5,
  VERY_DISSATISFIED: 3,
});
const CHANNELS = weights<Evaluation['channel']>({ ONSITE: 35, APP: 40, WEB: 15, SMS: 10 });

const COMMENTS: Record<RatingLevel, readonly string[]> = {
  VERY_SATISFIED: ['办事效率高，一次就办好了', '工作人员热情耐心', '网上就能办，很方便', ''],
  SATISFIED: ['整体不错', '流程清楚，等待时间稍长', '材料一次性告知，好评', ''],
  BASICALLY_SATISFIED: ['排队时间有点长', '指引不够清楚', ''],
  DISSATISFIED: ['要求补交的材料前后说法不一致', '超过承诺时限还没办完', '窗口人员态度一般'],
  VERY_DISSATISFIED: ['来回跑了三次还没办成', '网上系统总是提交失败', '工作人员推诿，没人负责'],
};

/** Working days a poor rating must be rectified within. */
const RECTIFICATION_DAYS = 15;

/** Evaluation i (0 <= i < context.evaluations), rated within the year before the reference date. */
export function evaluation(context: CityContext, i: number): Evaluation {
  const rng = stream(context.seed, 'evaluation', i);
  const item = rng.pick(SERVICE_ITEM_LIST);
  const { person } = randomAdult(context, rng);
  const level = rng.weighted(LEVELS);
  const channel = rng.weighted(CHANNELS);
  const day = REFERENCE_DAY - rng.int(1, 365);
  const poor = level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';
  return {
    id: `EV${digits(i + 1, 8)}`,
    serviceItemCode: item.code,
    evaluatorId: person.id,
    level,
    comment: rng.pick(COMMENTS[level]),
    channel,
    ratedAt: timestamp(day, channel === 'ONSITE' ? rng.int(540, 1_050) : rng.int(420, 1_380)),
    rectification: poor ? rectification(rng, day) : null,
  };
}

/** Due 15 working days after the rating; most are rectified in time, some late, some not at all. */
function rectification(rng: Rng, ratedDay: number): NonNullable<Evaluation['rectification']> {
  const dueDay = addWorkingDays(ratedDay, RECTIFICATION_DAYS);
  const lastDay = REFERENCE_DAY - 1;
  const u = rng.float();
  let rectifiedDay: number | null;
  if (dueDay <= lastDay) {
    rectifiedDay =
      u < 0.8 ? rng.int(ratedDay + 1, dueDay) : u < 0.9 ? dueDay + rng.int(1, 20) : null;
  } else {
    rectifiedDay = u < 0.5 && ratedDay < lastDay ? rng.int(ratedDay + 1, lastDay) : null;
  }
  if (rectifiedDay !== null && rectifiedDay > lastDay) rectifiedDay = null;
  return {
    dueBy: isoDate(dueDay),
    rectifiedAt: rectifiedDay === null ? null : timestamp(rectifiedDay, rng.int(540, 1_050)),
  };
}

import type { Gender } from './types';
import { WeightedTable, type Rng } from './random';

/** Common surnames, weighted roughly by their share of the population (per mille). */
export const SURNAMES = new WeightedTable<string>([
  ['王', 72],
  ['李', 72],
  ['张', 69],
  ['刘', 54],
  ['陈', 46],
  ['杨', 32],
  ['黄', 23],
  ['赵', 20],
  ['吴', 19],
  ['周', 18],
  ['徐', 13],
  ['孙', 12],
  ['马', 12],
  ['朱', 11],
  ['胡', 10],
  ['郭', 10],
  ['何', 9],
  ['林', 9],
  ['罗', 9],
  ['高', 9],
  ['郑', 8],
  ['梁', 7],
  ['谢', 7],
  ['宋', 6],
  ['唐', 6],
  ['许', 6],
  ['韩', 6],
  ['冯', 5],
  ['邓', 5],
  ['曹', 5],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 4],
  ['董', 4],
  ['袁', 4],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 2],
  ['汪', 2],
  ['范', 2],
  ['廖', 2],
  ['石', 2],
  ['贾', 2],
  ['夏', 2],
  ['韦', 2],
  ['付', 2],
  ['方', 2],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 1],
  ['黎', 1],
  ['贺', 1],
  ['顾', 1],
  ['毛', 1],
  ['郝', 1],
  ['龚', 1],
  ['邵', 1],
  ['万', 1],
  ['钱', 1],
  ['严', 1],
  ['覃', 1],
  ['武', 1],
  ['戴', 1],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['欧阳', 0.3],
  ['司马', 0.1],
  ['诸葛', 0.1],
]);

const SHARED_CHARS = [...'文明建国小子晓欣宇佳俊一天思雨嘉诗春晨安家子华'];
const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳昊博轩睿泽宏志峰',
];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲桂兰萍婷雪琳晶慧莉倩颖欣悦怡涵琪梦瑶雯露蓉秀英玉珍'];

function givenChar(rng: Rng, gender: Gender): string {
  if (rng.chance(0.25)) return rng.pick(SHARED_CHARS);
  return rng.pick(gender === 'MALE' ? MALE_CHARS : FEMALE_CHARS);
}

/** A given name of one or two characters. */
function givenName(rng: Rng, gender: Gender): string {
  const first = givenChar(rng, gender);
  return rng.chance(0.8) ? first + givenChar(rng, gender) : first;
}

/** A full name: the surname followed by a given name. */
export function fullName(rng: Rng, surname: string, gender: Gender): string {
  return surname + givenName(rng, gender);
}

/** Ethnic groups of residents, weighted (Sichuan has sizeable Tibetan, Yi and Qiang minorities). */
export const ETHNICITIES = new WeightedTable<string>([
  ['汉族', 940],
  ['藏族', 15],
  ['彝族', 12],
  ['羌族', 8],
  ['回族', 8],
  ['土家族', 5],
  ['苗族', 4],
  ['满族', 3],
  ['蒙古族', 2],
  ['壮族', 2],
  ['纳西族', 1],
]);

import { GraphRefusal } from '../graph';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The citizen's forms, checked before the graph is asked; a refusal of their input said plainly. */
export const citizenInput = {
  recordId(value: string | null | undefined): string {
    if (!value || !UUID.test(value)) throw new RangeError('Choose a read from your list.');
    return value;
  },
  challengeId(value: string | null | undefined): string {
    if (!value || !/^INC[0-9]{8}$/.test(value))
      throw new RangeError('Choose one of your challenges.');
    return value;
  },
  rating(value: string | null | undefined): number {
    const rating = Number(value);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      throw new RangeError('请选择 1 到 5 级评价。Choose a rating from 1 to 5.');
    return rating;
  },
  /**
   * Runs a mutation; the data bureau's refusal of the citizen's input (a reason holding an ID
   * number or mobile, a record not theirs, a second rating) becomes a 400 page with its words,
   * which never repeat the personal value.
   */
  async submit<T>(mutation: () => Promise<T>): Promise<T> {
    try {
      return await mutation();
    } catch (error) {
      const input = ['BAD_USER_INPUT', 'NOT_FOUND'];
      if (
        error instanceof GraphRefusal &&
        error.errors.every((e) => input.includes(e.extensions?.code ?? ''))
      )
        throw new RangeError(
          `${refusedInput(error)}${error.errors.map((e) => e.message).join(' ')}`,
        );
      throw error;
    }
  },
};

/** The Chinese sentence before the data bureau's words. */
function refusedInput(refusal: GraphRefusal): string {
  return refusal.errors.some((e) => e.message.includes('contains what reads as'))
    ? '未提交：内容中含有身份证号、手机号或账号，请删去后重新提交。'
    : '未提交：';
}

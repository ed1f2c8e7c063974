import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';

/** The first year of tax credit ratings (纳税信用管理办法, 2014). */
export const FIRST_RATING_YEAR = 2014;

/** An optional rating year argument, checked: an integer from FIRST_RATING_YEAR on. */
export function ratingYearArg(value: number | null | undefined): number | null {
  if (value == null) return null;
  if (value >= FIRST_RATING_YEAR && value <= 9999) return value;
  throw new GraphQLError(
    `year must be a year from ${FIRST_RATING_YEAR} (the first tax credit ratings) on; got ${value}.`,
    { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'year' } },
  );
}

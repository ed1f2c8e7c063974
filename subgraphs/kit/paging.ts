import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';

/** The largest page a list field returns. */
export const MAX_PAGE_SIZE = 5000;

export interface Page {
  limit: number;
  offset: number;
}

/** Validates `limit`/`offset` arguments, naming the bad one in a BAD_USER_INPUT error. */
export function page(args: { limit?: number | null; offset?: number | null }): Page {
  const limit = args.limit ?? 20;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw new GraphQLError(`limit must be between 0 and ${MAX_PAGE_SIZE}; got ${limit}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, limit, max: MAX_PAGE_SIZE },
    });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new GraphQLError(`offset must be 0 or more; got ${offset}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, offset },
    });
  }
  return { limit, offset };
}

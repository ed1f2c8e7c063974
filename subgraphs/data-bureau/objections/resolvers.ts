import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import { page, type Caller, type DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { beijingDate, isOverdue, objectionDeadline } from './deadline';
import { optionalText } from '../arguments';
import {
  answerArg,
  requiredReason,
  VALUE_MAX,
  type AnswerObjectionInput,
  type RaiseObjectionInput,
} from './input';
import {
  answerObjection,
  insertObjection,
  objectionsOwnedBy,
  objectionsRaisedBy,
  type ObjectionFilter,
  type ObjectionRow,
  type ObjectionStatus,
} from './store';
import { objectionTarget } from './targets';

type Context = DepartmentContext<Loaders>;

interface ListArgs {
  status?: ObjectionStatus | null;
  overdue?: boolean | null;
  limit?: number | null;
  offset?: number | null;
}

/** The calling official; objections are raised and answered by officials of a department. */
export function official(caller: Caller) {
  const { kind, id, department, role, application } = caller.consumer;
  if (kind !== 'official' || department === null || role === null) {
    throw new GraphQLError(
      'Data objections are raised and answered by officials of a department; this caller is not one.',
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
  return { id, department, role, application };
}

function filter(args: ListArgs): ObjectionFilter {
  return {
    status: args.status ?? null,
    overdue: args.overdue ?? null,
    today: beijingDate(new Date()),
    page: page(args),
  };
}

/** The data objection desk (数据异议): raise, answer, and the lists of each side. */
export const objectionResolvers = {
  Query: {
    objectionsToAnswer: (_: unknown, args: ListArgs, ctx: Context) =>
      objectionsOwnedBy(ctx.db, ctx.caller, official(ctx.caller).department, filter(args)),
    myObjections: (_: unknown, args: ListArgs, ctx: Context) =>
      objectionsRaisedBy(ctx.db, ctx.caller, official(ctx.caller).id, filter(args)),
  },
  Mutation: {
    raiseObjection: (_: unknown, { input }: { input: RaiseObjectionInput }, ctx: Context) => {
      const raiser = official(ctx.caller);
      const raisedAt = new Date();
      return insertObjection(ctx.db, {
        ...objectionTarget(input, raiser.department),
        raiser,
        purpose: ctx.caller.purpose,
        caseNumber: ctx.caller.caseNumber,
        reason: requiredReason(
          'input.reason',
          input.reason,
          'say what is wrong with the value and how you know',
        ),
        proposedValue: optionalText('input.proposedValue', input.proposedValue, VALUE_MAX),
        raisedAt,
        deadline: objectionDeadline(raisedAt),
      });
    },
    answerObjection: async (
      _: unknown,
      { input }: { input: AnswerObjectionInput },
      ctx: Context,
    ) => {
      const owner = official(ctx.caller);
      const answer = answerArg(input);
      const result = await answerObjection(ctx.db, ctx.caller, owner.department, owner.id, answer);
      if ('id' in result) return result;
      if (result.kind === 'answered') {
        throw new GraphQLError(
          `Objection ${answer.id} was already answered (${result.status} at ${result.answeredAt}); an objection is answered once.`,
          {
            extensions: {
              code: ErrorCode.BAD_USER_INPUT,
              argument: 'input.id',
              status: result.status,
            },
          },
        );
      }
      throw new GraphQLError(
        `No objection ${answer.id} is open to ${owner.department}: objectionsToAnswer lists the objections your department may answer.`,
        { extensions: { code: ErrorCode.NOT_FOUND, argument: 'input.id' } },
      );
    },
  },
  Objection: {
    overdue: (objection: ObjectionRow) => isOverdue(objection, new Date()),
  },
};

import { GraphQLError } from 'graphql';
import { recordsAbout } from '../../../records';
import { ErrorCode } from '../../../contracts/errors';
import { page, type Caller, type DepartmentContext } from '../../kit';
import { DISCLOSURE_ROW } from '../access-records/resolvers';
import type { DepartmentRow } from '../departments/store';
import { incidentNotFound } from '../incidents/resolvers';
import { incidentIdArg } from '../incidents/input';
import { updateIncident, type IncidentRow } from '../incidents/inbox';
import type { Loaders } from '../loaders';
import { beijingDate } from '../objections/deadline';
import { challengeDeadline, CHALLENGE_WORKING_DAYS } from './deadline';
import { official } from '../objections/resolvers';
import { answerArg, challengeReasonArg, ratingArg, recordIdArg } from './input';
import { challengesOf, insertChallenge, rateChallenge } from './store';

type Context = DepartmentContext<Loaders>;

function citizen(caller: Caller): { id: string; personId: string } {
  const { kind, id, personId } = caller.consumer;
  if (kind !== 'citizen' || !personId) {
    throw new GraphQLError(
      'Only a citizen signed in as a person challenges a disclosure of their data.',
      {
        extensions: { code: ErrorCode.FORBIDDEN },
      },
    );
  }
  return { id, personId };
}

/** Citizens challenge disclosures (人民评议); the department that read the data answers. */
export const challengeResolvers = {
  Query: {
    myChallenges: (
      _: unknown,
      args: { limit?: number | null; offset?: number | null },
      ctx: Context,
    ) => challengesOf(ctx.db, ctx.caller, citizen(ctx.caller).personId, page(args)),
  },
  Mutation: {
    challengeDisclosure: async (
      _: unknown,
      { input }: { input: { recordId: string; reason: string } },
      ctx: Context,
    ) => {
      const person = citizen(ctx.caller);
      const recordId = recordIdArg(input.recordId);
      const reason = challengeReasonArg(input.reason);
      // Only a disclosure the citizen is shown (their own, not held back) can be challenged.
      const { records } = await recordsAbout(ctx.db.pool, person.personId, {
        now: new Date(),
        limit: 1,
        restrict: (params) => {
          params.push(recordId);
          return `r.id = $${params.length}::uuid AND ${ctx.caller.rowFilter('Disclosure', DISCLOSURE_ROW, params)}`;
        },
      });
      const [record] = records;
      if (!record) {
        throw new GraphQLError(
          'No disclosure of that id is in your myAccessRecords: challenge one listed there.',
          { extensions: { code: ErrorCode.NOT_FOUND, argument: 'input.recordId' } },
        );
      }
      const raisedAt = new Date();
      const row = await insertChallenge(ctx.db, {
        recordId,
        official: record.consumer.id,
        department: record.consumer.department,
        role: record.consumer.role,
        purpose: record.purpose,
        personId: person.personId,
        challenger: person.id,
        reason,
        raisedAt,
        deadline: challengeDeadline(raisedAt),
        workingDays: CHALLENGE_WORKING_DAYS,
      });
      if (!row) {
        throw new GraphQLError(
          'You have challenged this disclosure already: myChallenges shows it and its answer.',
          {
            extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'input.recordId' },
          },
        );
      }
      return row;
    },
    rateChallengeAnswer: async (
      _: unknown,
      { input }: { input: { id: string; rating: number; comment?: string | null } },
      ctx: Context,
    ) => {
      const person = citizen(ctx.caller);
      const id = incidentIdArg('input.id', input.id);
      const rated = await rateChallenge(ctx.db, ctx.caller, {
        id,
        personId: person.personId,
        ...ratingArg(input),
      });
      if (rated) return rated;
      throw new GraphQLError(
        `Challenge ${id} is not yours, not answered yet, or rated already: an answer is rated once, after it is given.`,
        { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'input.id' } },
      );
    },
    answerChallenge: async (
      _: unknown,
      { input }: { input: { id: string; finding: string; reply?: string | null } },
      ctx: Context,
    ) => {
      const contact = official(ctx.caller);
      const id = incidentIdArg('input.id', input.id);
      const answer = answerArg(input);
      const row = await updateIncident(
        ctx.db,
        ctx.caller,
        id,
        'status = $2, finding = $2, status_reason = $3, reply = $3, replied_by = $4, replied_at = now()',
        "kind = 'CHALLENGE' AND replied_at IS NULL AND status IN ('NEW', 'TRIAGED')",
        [answer.finding, answer.reply, contact.id],
      );
      if (row) return row;
      throw incidentNotFound(id);
    },
  },
  Challenge: {
    recordId: (row: IncidentRow) => row.evidence[0],
    reason: (row: IncidentRow) => row.challengeReason,
    overdue: (row: IncidentRow) =>
      row.repliedAt === null && (row.deadline ?? '') < beijingDate(new Date()),
    stage: (row: IncidentRow) =>
      row.ratedAt
        ? 'RATED'
        : row.repliedAt
          ? 'ANSWERED'
          : row.status === 'NEW'
            ? 'ACCEPTED'
            : 'HANDLED',
  },
  Department: {
    disclosureChallenges: async (department: DepartmentRow, _: unknown, ctx: Context) => {
      const summary =
        department.subgraph && (await ctx.loaders.challengeSummary.load(department.subgraph));
      return (
        summary || {
          challenges: 0,
          answered: 0,
          overdue: 0,
          rated: 0,
          averageRating: null,
          ratingsByLevel: [0, 0, 0, 0, 0],
        }
      );
    },
  },
};

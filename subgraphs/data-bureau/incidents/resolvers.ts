import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import { page, type DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { beijingDate } from '../objections/deadline';
import { official } from '../objections/resolvers';
import { evidenceBundle } from './bundle';
import {
  addComment,
  findIncident,
  listIncidents,
  updateIncident,
  type IncidentKind,
  type IncidentRow,
  type IncidentStatus,
} from './inbox';
import { accountIdArg, commentArg, incidentIdArg, moveArg, MOVES } from './input';

type Context = DepartmentContext<Loaders>;

/** No incident of that id is open to the caller: never says whether it exists elsewhere. */
export function incidentNotFound(id: string): GraphQLError {
  return new GraphQLError(
    `No incident ${id} is open to you: Query.incidents lists the incidents you may see.`,
    { extensions: { code: ErrorCode.NOT_FOUND, argument: 'input.id' } },
  );
}

/** The incidents inbox: list, read, move along the workflow, assign, comment. */
export const incidentResolvers = {
  Query: {
    incidents: (
      _: unknown,
      args: {
        status?: IncidentStatus | null;
        kind?: IncidentKind | null;
        limit?: number | null;
        offset?: number | null;
      },
      ctx: Context,
    ) =>
      listIncidents(ctx.db, ctx.caller, {
        status: args.status ?? null,
        kind: args.kind ?? null,
        page: page(args),
      }),
    incident: (_: unknown, args: { id: string }, ctx: Context) =>
      findIncident(ctx.db, ctx.caller, incidentIdArg('id', args.id)),
  },
  Mutation: {
    moveIncident: async (
      _: unknown,
      { input }: { input: { id: string; to: IncidentStatus; reason?: string | null } },
      ctx: Context,
    ) => {
      official(ctx.caller);
      const move = moveArg(input);
      const from = MOVES[move.to];
      const moved = await updateIncident(
        ctx.db,
        ctx.caller,
        move.id,
        'status = $2, status_reason = COALESCE($3, status_reason)',
        'status = ANY($4::text[])',
        [move.to, move.reason, from],
      );
      if (moved) return moved;
      const current = await findIncident(ctx.db, ctx.caller, move.id);
      if (!current) throw incidentNotFound(move.id);
      throw new GraphQLError(
        `Incident ${move.id} is ${current.status}; it moves to ${move.to} only from ${from.join(' or ')}.`,
        {
          extensions: {
            code: ErrorCode.BAD_USER_INPUT,
            argument: 'input.to',
            status: current.status,
          },
        },
      );
    },
    assignIncident: async (
      _: unknown,
      { input }: { input: { id: string; assignee?: string | null } },
      ctx: Context,
    ) => {
      official(ctx.caller);
      const id = incidentIdArg('input.id', input.id);
      const assignee =
        input.assignee == null ? null : accountIdArg('input.assignee', input.assignee);
      const row = await updateIncident(ctx.db, ctx.caller, id, 'assignee = $2', 'true', [assignee]);
      if (!row) throw incidentNotFound(id);
      return row;
    },
    commentIncident: async (
      _: unknown,
      { input }: { input: { id: string; text: string } },
      ctx: Context,
    ) => {
      const author = official(ctx.caller).id;
      const id = incidentIdArg('input.id', input.id);
      const row = await addComment(ctx.db, ctx.caller, {
        id,
        author,
        text: commentArg(input.text),
      });
      if (!row) throw incidentNotFound(id);
      return row;
    },
  },
  Incident: {
    comments: (incident: IncidentRow, _: unknown, ctx: Context) =>
      ctx.loaders.incidentComments.load(incident.id),
    overdue: (incident: IncidentRow) =>
      incident.deadline !== null &&
      incident.repliedAt === null &&
      incident.deadline < beijingDate(new Date()),
    evidenceBundle: (incident: IncidentRow, _: unknown, ctx: Context) =>
      evidenceBundle(ctx.db.pool, incident),
  },
};

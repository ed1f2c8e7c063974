import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import { documentId, type TrustedDocumentMode } from '../../policies';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';
import type { TrustedDocumentSettings } from './options';

/**
 * Trusted documents per application. A document listed in the caller's application manifest
 * may be sent whole or by id alone (`extensions.persistedQuery.sha256Hash`, or `documentId`);
 * its id goes into the context (the grants restricted to documents and the record read it).
 * Any other document is served (off), served and logged and counted (audit), or refused with
 * 400 PERSISTED_QUERY_NOT_FOUND after parsing and before the policy decision or any
 * department (enforce). Callers without a manifest follow `defaultMode`.
 */
export function trustedDocumentsPlugin(
  settings: TrustedDocumentSettings,
  options: { logger: Logger; onUnlisted?: (mode: 'audit' | 'enforce') => void },
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart(rc) {
      const context = rc.contextValue;
      const application = context.consumer.application;
      const manifest = application === null ? undefined : settings.manifests.get(application);
      const mode: TrustedDocumentMode = manifest?.mode ?? settings.defaultMode;
      const requested = requestedId(rc.request);
      if (rc.request.query === undefined && requested !== undefined) {
        // The id alone: resolved from the manifest only (Apollo's APQ cache is not trusted).
        rc.request.query = manifest?.documents.get(requested);
      }
      const query = rc.request.query;
      const id = query === undefined ? requested : documentId(query);
      const listed = id !== undefined && manifest?.documents.has(id) === true;
      context.document.id = listed ? id : null;
      return {
        async didResolveOperation() {
          if (requested !== undefined && id !== requested) throw idMismatch(requested);
          if (listed || mode === 'off') return;
          options.onUnlisted?.(mode);
          if (mode === 'audit') {
            options.logger.warn(
              { requestId: context.requestId, application, documentId: id },
              'document not in the application manifest (audit)',
            );
            return;
          }
          throw notListed(application, id);
        },
        async didEncounterErrors({ errors }) {
          // Apollo's own APQ miss (an id alone it has not cached): the same 400 in enforce.
          if (mode !== 'enforce') return;
          for (const error of errors) {
            if (error.extensions.code !== ErrorCode.PERSISTED_QUERY_NOT_FOUND) continue;
            options.onUnlisted?.(mode);
            const refusal = notListed(application, id);
            error.message = refusal.message;
            Object.assign(error.extensions, refusal.extensions);
          }
        },
      };
    },
  };
}

/** The id a request names: Apollo's APQ extension, or the `documentId` field (body or GET parameter). */
function requestedId(request: GraphQLRequest): string | undefined {
  const apq = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash;
  if (typeof apq === 'string') return apq;
  const body = request.http?.body as { documentId?: unknown } | undefined;
  if (typeof body?.documentId === 'string') return body.documentId;
  return new URLSearchParams(request.http?.search ?? '').get('documentId') ?? undefined;
}

function notListed(application: string | null, id: string | undefined): GraphQLError {
  const whose =
    application === null ? 'Callers without an application' : `Application '${application}'`;
  return new GraphQLError(
    `${whose} may run only the documents registered for it, and document ${id ?? '(none)'} is ` +
      'not among them. Register it in policies/documents/<application>.yaml (reviewed like a ' +
      'grant) and send it, or its id, again.',
    {
      extensions: {
        code: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
        documentId: id ?? null,
        http: { status: 400 },
      },
    },
  );
}

function idMismatch(requested: string): GraphQLError {
  return new GraphQLError(
    `documentId ${requested} is not the SHA-256 of the query sent with it; send the id alone, ` +
      'or the query whose hash it is.',
    { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } },
  );
}

import type { IncomingMessage } from 'node:http';
import { callGraph, type Operation } from './graph';
import type { Html } from './html';
import type { Label } from './i18n';
import type { ConsoleRole } from './roles';
import type { Session } from './session';
import type { ConsoleResponse } from './types';

/** What a page renders from. */
export interface PageContext {
  req: IncomingMessage;
  /** The request URL (its search parameters are the page's filters). */
  url: URL;
  session: Session;
  role: ConsoleRole;
  /** The posted form, for a POST page. */
  form: URLSearchParams | null;
  /** One operation through the graph, as the signed-in official with their purpose. */
  graph<T>(operation: Operation, variables?: Record<string, unknown>): Promise<T>;
}

/** A console page: one path under /console, the roles it is for, and how it renders. */
export interface ConsolePage {
  /** Under /console, e.g. '/records'. */
  path: string;
  title: Label;
  /** The roles that may open it (and see it in the navigation). */
  roles: readonly ConsoleRole[];
  /** Listed in the navigation (default true). */
  nav?: boolean;
  /** GET (default) or POST (a form: same-origin only). */
  method?: 'GET' | 'POST';
  /** The page's main content (the frame is added), or a whole response (a download). */
  render(context: PageContext): Promise<Html | ConsoleResponse>;
}

/** Declares a page (a typed identity: the routes collect them). */
export function definePage(page: ConsolePage): ConsolePage {
  return page;
}

/** The context of one page request. */
export function pageContext(
  req: IncomingMessage,
  session: Session,
  role: ConsoleRole,
  form: URLSearchParams | null,
): PageContext {
  return {
    req,
    url: new URL(req.url ?? '/', 'http://console'),
    session,
    role,
    form,
    graph: (operation, variables) => callGraph(req, session, operation, variables),
  };
}

/** A download: CSV, JSON Lines, a report. Never cached. */
export function download(body: string, contentType: string, filename: string): ConsoleResponse {
  return {
    body,
    contentType,
    headers: {
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  };
}

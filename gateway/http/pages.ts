import type { PageHandler } from './server';

/**
 * One page handler from several, asked in order: the first answer wins. The gateway's
 * extension point for routes it does not own (the oversight console, mounted by the
 * composition root in scripts/); a handler answers null for a path that is not its own.
 */
export function firstPage(...handlers: readonly PageHandler[]): PageHandler {
  return async (pathname, req) => {
    for (const handler of handlers) {
      const page = await handler(pathname, req);
      if (page) return page;
    }
    return null;
  };
}

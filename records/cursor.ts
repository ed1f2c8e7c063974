/** A keyset position in newest-first order: the last record of a page. */
export interface Cursor {
  time: string;
  id: string;
}

/** An opaque `after` token for the page that follows `cursor`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id])).toString('base64url');
}

/** Reads an `after` token; throws a TypeError naming the problem when it is not one. */
export function decodeCursor(after: string): Cursor {
  try {
    const [time, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'string' && !Number.isNaN(Date.parse(time)) && typeof id === 'string') {
      if (/^[0-9a-f-]{36}$/.test(id)) return { time, id };
    }
  } catch {
    // falls through to the error below
  }
  // The token is not repeated: it is the caller's own input, and may be anything.
  throw new TypeError("after is not a cursor a previous page returned; pass its 'next'.");
}

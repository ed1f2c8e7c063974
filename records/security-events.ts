import type { AccessRecord } from './record';
import type { RecordWriter } from './writer-api';

/** Milliseconds during which identical security events are counted into one record. */
export const DEFAULT_SECURITY_EVENT_WINDOW_MS = 1_000;
/** Distinct (address, reason) records one window may write; the rest are counted per reason. */
export const DEFAULT_SECURITY_EVENTS_PER_WINDOW = 50;

/** A request refused before any consumer could be established (no token, a forged one, bad bytes). */
export interface SecurityEvent {
  /** When it arrived (ms since the epoch). */
  at: number;
  requestId: string;
  clientAddress: string | null;
  /** A code such as 'token-signature'; never a message, a token or a value the client sent. */
  reason: string;
}

export interface SecurityEventLog {
  /** Counts the event into the current window; its record is appended when the window ends. */
  report(event: SecurityEvent): void;
  /** Appends what the current window holds; resolves when it is stored (or failed, logged). */
  flush(): Promise<void>;
}

interface Bucket {
  first: SecurityEvent;
  last: number;
  count: number;
  clientAddress: string | null;
}

/**
 * Security events go into the access-record chain as records of consumer kind 'unidentified',
 * bounded so that a flood cannot exhaust the store: events with the same address and reason
 * within one window are one record with a count, and one window writes at most `perWindow`
 * such records plus one per reason for every other address (client address null). A flood
 * therefore costs at most (perWindow + reasons) records per window, whatever its rate.
 */
export function createSecurityEventLog(options: {
  writer: RecordWriter;
  windowMs?: number;
  perWindow?: number;
  /** Told when a window's records could not be stored. */
  onError?: (error: Error) => void;
}): SecurityEventLog {
  const windowMs = options.windowMs ?? DEFAULT_SECURITY_EVENT_WINDOW_MS;
  const perWindow = options.perWindow ?? DEFAULT_SECURITY_EVENTS_PER_WINDOW;
  let buckets = new Map<string, Bucket>();
  let distinct = 0;
  let timer: NodeJS.Timeout | null = null;
  const pending = new Set<Promise<void>>();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const closing = [...buckets.values()];
    buckets = new Map();
    distinct = 0;
    const stored = Promise.all(
      closing.map((bucket) =>
        options.writer.append(eventRecord(bucket)).then(
          () => undefined,
          (error: Error) => options.onError?.(error),
        ),
      ),
    ).then(() => undefined);
    pending.add(stored);
    void stored.finally(() => pending.delete(stored));
    return Promise.all([...pending]).then(() => undefined);
  }

  return {
    report(event) {
      const own = `${event.clientAddress ?? ''}\n${event.reason}`;
      let bucket = buckets.get(own);
      if (!bucket) {
        const overflow = distinct >= perWindow;
        const key = overflow ? `*\n${event.reason}` : own;
        bucket = buckets.get(key);
        if (!bucket) {
          bucket = {
            first: event,
            last: event.at,
            count: 0,
            clientAddress: overflow ? null : event.clientAddress,
          };
          buckets.set(key, bucket);
          if (!overflow) distinct += 1;
        }
      }
      bucket.count += 1;
      bucket.last = Math.max(bucket.last, event.at);
      timer ??= setTimeout(() => void flush(), windowMs).unref();
    },
    flush,
  };
}

function eventRecord(bucket: Bucket): AccessRecord {
  const { first } = bucket;
  return {
    time: new Date(first.at).toISOString(),
    requestId: first.requestId,
    consumer: {
      kind: 'unidentified',
      id: 'unidentified',
      department: null,
      role: null,
      application: null,
    },
    purpose: null,
    caseNumber: null,
    operation: { name: null, hash: '' },
    fields: [],
    departments: [],
    outcome: 'refused',
    durationMs: Math.max(0, Math.round(bucket.last - first.at)),
    subjects: [],
    delayedUntil: null,
    clientAddress: bucket.clientAddress,
    reason: first.reason,
    count: bucket.count,
  };
}

/**
 * The access record store did not durably take a record (unreachable, timed out, refused the
 * transaction). The gateway must not release personal data for that operation.
 */
export class RecordStoreUnavailable extends Error {
  readonly code = 'RECORD_STORE_UNAVAILABLE';

  constructor(streamId: string, reason: string, options?: { cause?: unknown }) {
    super(
      `The access record store did not commit the record of stream '${streamId}' (${reason}); ` +
        'personal data must be withheld until records can be written again.',
      options,
    );
    this.name = 'RecordStoreUnavailable';
  }
}

/** A record that cannot be stored as given: the gateway built it wrong. */
export class InvalidRecord extends TypeError {
  readonly code = 'INVALID_ACCESS_RECORD';

  constructor(problems: string) {
    super(`The access record is invalid: ${problems}.`);
    this.name = 'InvalidRecord';
  }
}

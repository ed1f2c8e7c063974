/** How a grant opens a field: in full, or only in its masking style. */
export type Access = 'full' | 'masked';

/** A value a row condition compares with; '$jurisdiction', '$personId', '$department' are placeholders. */
export type RowScalar = string | number | boolean;

/** A row condition on one field: equality, or membership with `$in`. */
export type RowValue = RowScalar | { readonly $in: readonly RowScalar[] };

/** Row conditions per type: field → value, all of which must hold. */
export type RowConditions = Readonly<Record<string, RowValue>>;

/** Who a grant is for: officials of a department in one role (optionally one application), or citizens. */
export type GrantConsumer =
  | { readonly department: string; readonly role: string; readonly application?: string }
  | { readonly citizen: true };

/** An entry of the purpose catalogue. */
export interface Purpose {
  /** Kebab-case code stated in `x-purpose`. */
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** The law or regulation the purpose rests on. */
  readonly legalBasis: string;
}

/** A grant written by a providing department, as loaded from `grants/<provider>.yaml`. */
export interface Grant {
  /** Unique across all grant files, kebab-case. */
  readonly id: string;
  /** The department that wrote the grant: the name of its file. */
  readonly provider: string;
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly consumer: GrantConsumer;
  readonly purposes: readonly string[];
  /** Type → field (or '*': every field of the type the provider owns) → access. */
  readonly fields: Readonly<Record<string, Readonly<Record<string, Access>>>>;
  /** Type → row conditions on the rows the opened fields may be read from. */
  readonly rows?: Readonly<Record<string, RowConditions>>;
  readonly legalBasis?: string;
  /** ISO date (YYYY-MM-DD): the last day the grant applies, China Standard Time. */
  readonly expires?: string;
  readonly note?: string;
  /** The sharing request (SHR and eight digits) the grant was derived from, when it was. */
  readonly request?: string;
  /** Daily quotas of distinct persons disclosed under the grant; counted by the gateway. */
  readonly quota?: GrantQuota;
  /**
   * The grant applies only to trusted documents: 'only', any document of the consumer's
   * application manifest; a list, only those document ids. Any other document: not applied.
   */
  readonly documents?: 'only' | readonly string[];
}

/** Distinct persons a grant may disclose per day (China Standard Time), per dimension. */
export interface GrantQuota {
  /** Per official (or citizen), all their requests under the grant. */
  readonly personsPerOfficial?: number;
  /** Per official, counting only requests without an x-case-number. */
  readonly personsWithoutCaseNumber?: number;
  /** Per application, all its officials together (requests from tokens naming the application). */
  readonly personsPerApplication?: number;
}

/** The purpose catalogue and every department's grants. */
export interface PolicySet {
  readonly purposes: readonly Purpose[];
  readonly grants: readonly Grant[];
}

/** Whether a grant is for citizens. */
export function isCitizenGrant(consumer: GrantConsumer): consumer is { readonly citizen: true } {
  return 'citizen' in consumer;
}

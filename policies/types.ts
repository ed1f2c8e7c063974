/** 政务数据共享属性: who may receive a field outside its owning department. */
export type SharingClass = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

/** Personal-information level under PIPL. */
export type PersonalInfo = 'NONE' | 'PERSONAL' | 'SENSITIVE';

/** How a personal field is shown when a grant opens only a masked view. */
export type MaskStyle =
  'NONE' | 'NAME' | 'ID_NUMBER' | 'MOBILE' | 'ADDRESS' | 'ACCOUNT' | 'DATE' | 'AMOUNT' | 'REDACT';

/** The caller of one request: an official of a department, a citizen, or nobody identified. */
export interface Consumer {
  readonly kind: 'official' | 'citizen' | 'anonymous';
  /** The account id; 'anonymous' for anonymous callers. */
  readonly id: string;
  /** The official's department, named as its subgraph (e.g. 'civil-affairs'). */
  readonly department: string | null;
  /** The official's role within the department (e.g. 'caseworker'). */
  readonly role: string | null;
  /** 6-digit division code of the official's jurisdiction (e.g. '510107'). */
  readonly jurisdiction: string | null;
  /** The application the caller's token was issued to, when named. */
  readonly application: string | null;
  /** The citizen's pseudonymous `Person.id`; null for officials. */
  readonly personId: string | null;
}

/** The @classify label of one field, with the subgraph that owns (resolves) it. */
export interface FieldLabel {
  readonly sharing: SharingClass;
  readonly pi: PersonalInfo;
  readonly mask: MaskStyle;
  /**
   * The owning department's subgraph name, e.g. 'public-security'; null when the supergraph
   * does not tell which subgraph resolves the field: then no grant opens it.
   */
  readonly owner: string | null;
}

/** Every field's label, keyed by coordinate ('Person.name'). */
export type Classification = ReadonlyMap<string, FieldLabel>;

/** What the engine says about one field for one consumer and purpose. */
export interface Decision {
  readonly effect: 'allow' | 'mask' | 'deny';
  /** 'Type.field'. */
  readonly coordinate: string;
  /** The grant that opens the field; null when denied or when no grant is needed (UNCONDITIONAL). */
  readonly grantId: string | null;
  /** A full sentence naming the consumer, the purpose and the coordinate, and how to get access. */
  readonly reason: string;
  /** Grant ids that open the field for some consumer under some purpose (for error messages). */
  readonly openedBy: readonly string[];
}

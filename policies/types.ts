import type { Consumer } from '../contracts/consumer';

/** 政务数据共享属性: who may receive a field outside its owning department. */
export type SharingClass = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';

/** Personal-information level under PIPL. */
export type PersonalInfo = 'NONE' | 'PERSONAL' | 'SENSITIVE';

/** How a personal field is shown when a grant opens only a masked view. */
export type MaskStyle =
  'NONE' | 'NAME' | 'ID_NUMBER' | 'MOBILE' | 'ADDRESS' | 'ACCOUNT' | 'DATE' | 'AMOUNT' | 'REDACT';

/** The caller of one request (the wire contract's one definition). */
export type { Consumer };

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

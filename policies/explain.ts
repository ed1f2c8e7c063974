import { describeConsumer } from './consumers';
import type { Opener } from './opened-by';
import type { Consumer, FieldLabel } from './types';

/** What a reason is about. */
export interface ReasonContext {
  readonly consumer: Consumer;
  readonly purpose: string;
  readonly purposeKnown: boolean;
  readonly coordinate: string;
  readonly label: FieldLabel | undefined;
  readonly openers: readonly Opener[];
  /** Why grants for this consumer and purpose did not open the field (expired, placeholder, refused). */
  readonly notes: readonly string[];
}

/** Why a field is readable in full. */
export function allowReason(context: ReasonContext, grantId: string | null): string {
  if (grantId === null) {
    return `${context.coordinate} is UNCONDITIONAL (无条件共享): every consumer may read it, under any purpose.`;
  }
  return `${context.coordinate} is opened to ${describeConsumer(context.consumer)} for purpose '${context.purpose}' by grant ${grantId}.`;
}

/** Why a field is readable only masked. */
export function maskReason(context: ReasonContext, grantId: string | null): string {
  const style = context.label?.mask ?? 'NONE';
  return `${context.coordinate} is opened to ${describeConsumer(context.consumer)} for purpose '${context.purpose}' only masked (${style}) by grant ${grantId}.`;
}

/** Why a field without an owner is closed to everyone. */
export function unownedReason(coordinate: string): string {
  return `${coordinate} has no owner: the supergraph names no subgraph that resolves it, so no grant can open it and it is denied to everyone; check the field's @join__field directives and recompose the supergraph.`;
}

/** Why a field is not readable, and what would open it. */
export function denyReason(context: ReasonContext): string {
  const { coordinate, label, consumer, purpose } = context;
  if (!label) {
    return `${coordinate} is not a field of the classified graph; check the type and field names against the supergraph.`;
  }
  if (label.owner === null) return unownedReason(coordinate);
  const openers =
    context.openers.map((o) => `${o.grantId} (${o.purposes.join(', ')})`).join(', ') ||
    `none; ask its owner, ${label.owner}, for a grant`;
  if (consumer.kind === 'anonymous') {
    return `Anonymous callers may read only UNCONDITIONAL fields, and ${coordinate} is ${label.sharing}; sign in and state a purpose that a grant lists (grants that open this field: ${openers}).`;
  }
  if (label.sharing === 'NONE' && consumer.department !== label.owner) {
    return `${coordinate} is never shared outside ${label.owner} (sharing class NONE, 不予共享); only ${label.owner}'s own officials may read it, under a grant by ${label.owner}.`;
  }
  if (!context.purposeKnown) {
    return `Purpose '${purpose}' is not in the purpose catalogue, so it opens nothing; state a catalogued purpose (grants that open ${coordinate}: ${openers}).`;
  }
  if (context.notes.length > 0) {
    return `${context.notes.join(' ')} Grants that open this field: ${openers}.`;
  }
  return `Purpose '${purpose}' is not granted to ${describeConsumer(consumer)} for ${coordinate}; grants that open this field: ${openers}.`;
}

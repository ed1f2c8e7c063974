import type { RequestView } from '../queries/requests';
import type { Viewer } from '../session';

/** The department that acts as data authority (数据主管部门). */
export const AUTHORITY_DEPARTMENT = 'data-bureau';

/** The part the viewer's department plays in a request. */
export type Party = 'requester' | 'provider' | 'authority';

export function partiesOf(viewer: Viewer, request: Pick<RequestView, 'requester' | 'provider'>) {
  const parties: Party[] = [];
  if (viewer.department === request.requester) parties.push('requester');
  if (viewer.department === request.provider) parties.push('provider');
  if (viewer.department === AUTHORITY_DEPARTMENT) parties.push('authority');
  return parties;
}

const PENDING = ['SUBMITTED', 'EXTENSION_REQUESTED'];
const DISPUTABLE = ['REFUSED', 'APPROVED', 'SUSPENDED'];

/**
 * Which step forms the request's page offers the viewer: a step of one of their parties from
 * the request's state (《政务数据共享条例》 art. 20-28). Only what to show: the graph decides
 * every step again, and a refused step shows its error.
 */
export function offeredSteps(parties: readonly Party[], r: RequestView): string[] {
  const is = (...p: Party[]) => p.some((x) => parties.includes(x));
  const openDispute = r.disputeStage !== null && r.disputeStage !== 'RESOLVED';
  const offers: [string, boolean][] = [
    ['return', is('provider') && r.state === 'SUBMITTED' && !r.returned],
    ['request-extension', is('provider') && r.state === 'SUBMITTED' && r.extensionDays === null],
    ['reply', is('provider') && PENDING.includes(r.state)],
    ['supplement', is('requester') && r.state === 'RETURNED'],
    ['decide-extension', is('authority') && r.state === 'EXTENSION_REQUESTED'],
    ['open-dispute', is('requester', 'provider') && DISPUTABLE.includes(r.state) && !openDispute],
    [
      'advance-dispute',
      openDispute &&
        DISPUTABLE.includes(r.state) &&
        r.disputeStage !== 'DECISION' &&
        (r.disputeStage === 'NEGOTIATION'
          ? is('requester', 'provider', 'authority')
          : is('authority')),
    ],
    [
      'decide-dispute',
      is('authority') && DISPUTABLE.includes(r.state) && r.disputeStage === 'DECISION',
    ],
    ['file-narrowing', is('provider') && r.state === 'APPROVED'],
    ['suspend', is('provider', 'authority') && r.state === 'APPROVED'],
    ['resume', is('provider', 'authority') && r.state === 'SUSPENDED'],
    ['terminate', is('provider', 'authority') && ['APPROVED', 'SUSPENDED'].includes(r.state)],
    ['confirm-disposal', is('requester') && r.disposalDue],
  ];
  return offers.filter(([, offered]) => offered).map(([step]) => step);
}

/** Whether the request awaits its provider's reply (the impact preview is for these). */
export const isPending = (state: string) => PENDING.includes(state);

/** A request number from the URL or a form: SHR and eight digits. */
export function requestNumber(value: string | null | undefined): string {
  if (!value || !/^SHR[0-9]{8}$/.test(value))
    throw new RangeError('Give a request number: SHR and eight digits, e.g. SHR00000001.');
  return value;
}

import { packPolicyRules } from '../policies';
import type { ContextVerifier } from '../contracts/subgraph-context';

/**
 * The open departments' context check: every call accepted without the gateway's context (as
 * stock gateways make them), reading every row. Only the bench composes a department with it.
 */
export const openContext: ContextVerifier = async () => ({
  consumer: {
    kind: 'gateway',
    id: 'bench',
    department: null,
    role: null,
    jurisdiction: null,
    application: null,
    personId: null,
  },
  purpose: 'bench',
  caseNumber: null,
  requestId: 'bench',
  rules: packPolicyRules([{ action: 'read', subject: 'all' }]),
  borrowedRules: [],
  revision: 0,
  failClosed: false,
  bodyHash: '',
});

export { compileRevision, staticPolicyHolder } from './holder';
export type { LivePolicy, PolicyHolder, PolicyStatus } from './holder';
export { startLivePolicy } from './live';
export type { LivePolicyHolder } from './live';

export { checkSupergraph } from './supergraph';
export type { SupergraphParts } from './supergraph';
export { supergraphHolder } from './holder';
export type { SupergraphHolder, SupergraphStatus } from './holder';
export { generationGateway } from './gateway';
export type { GenerationGateway } from './gateway';
export { watchSupergraph } from './watch';
export { DEFAULT_SUPERGRAPH_POLL_MS, DEFAULT_WARM_OPERATIONS } from './options';
export { fetchSupergraph, pollSupergraph } from './poll';

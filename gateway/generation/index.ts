export { checkSupergraph } from './supergraph';
export type { SupergraphParts } from './supergraph';
export { supergraphHolder } from './holder';
export type { SupergraphHolder, SupergraphStatus } from './holder';
export { generationGateway } from './gateway';
export type { GenerationGateway } from './gateway';
export { watchSupergraph } from './watch';

import { parse, type DocumentNode } from 'graphql';
import { loadSubgraphSdl } from '../../schema/sdl';

/** Parses `schema/<name>.graphql` with the classification preamble. */
export function departmentTypeDefs(name: string): DocumentNode {
  return parse(loadSubgraphSdl(`schema/${name}.graphql`));
}

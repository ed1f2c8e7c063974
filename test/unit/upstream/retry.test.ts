import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { createUpstream, DEFAULT_UPSTREAM_SETTINGS } from '../../../gateway/upstream';

/** A subgraph that fails its first call without an answer, then answers. */
function flaky() {
  let calls = 0;
  const fetcher: Fetcher = async () => {
    calls += 1;
    if (calls === 1)
      throw new GraphQLError('The tax subgraph did not answer; try again later.', {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', http: { status: 502 } },
      });
    return { status: 200 } as FetcherResponse;
  };
  return { fetcher, calls: () => calls };
}

const call = (fetcher: Fetcher, query: string) =>
  fetcher('http://tax/graphql', { method: 'POST', body: JSON.stringify({ query }) });

describe('retrying a subgraph call', () => {
  it('retries a query once after a failure without an answer', async () => {
    const tax = flaky();
    const fetcher = createUpstream(DEFAULT_UPSTREAM_SETTINGS).wrap('tax', tax.fetcher);
    await expect(call(fetcher, '{ taxCreditRating { level } }')).resolves.toMatchObject({
      status: 200,
    });
    expect(tax.calls()).toBe(2);
  });

  it('never retries a mutation, and drops the transport status for partial data', async () => {
    const tax = flaky();
    const fetcher = createUpstream(DEFAULT_UPSTREAM_SETTINGS).wrap('tax', tax.fetcher);
    const failed = call(fetcher, 'mutation { raiseObjection { id } }');
    await expect(failed).rejects.toMatchObject({
      message: 'The tax subgraph did not answer; try again later.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'tax' },
    });
    expect(tax.calls()).toBe(1);
  });
});

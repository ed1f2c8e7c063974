import { shares } from '../../../bench/profile-shares';

const frame = (functionName: string, url = '') => ({
  functionName,
  url,
  scriptId: '0',
  lineNumber: 0,
  columnNumber: 0,
});

/** root → serveGraphQL → (commitBatch → writev | sign → signOneShot | fetch → JSON.parse), and idle. */
function setup() {
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 9] },
    { id: 2, callFrame: frame('(idle)') },
    {
      id: 3,
      callFrame: frame('serveGraphQL', 'file:///app/gateway/http/serve-graphql.ts'),
      children: [4, 6, 7],
    },
    { id: 4, callFrame: frame('commitBatch', 'file:///app/records/commit.ts'), children: [5] },
    { id: 5, callFrame: frame('writev') },
    { id: 6, callFrame: frame('signContext', 'file:///app/contracts/subgraph-context/sign.ts') },
    {
      id: 7,
      callFrame: frame('bufferedResponse', 'file:///app/gateway/fetcher.ts'),
      children: [8],
    },
    { id: 8, callFrame: frame('parse') },
    { id: 9, callFrame: frame('(garbage collector)') },
  ];
  // One sample per entry, 1 ms apart (timeDeltas are microseconds; the first one is the start).
  const samples = [2, 2, 5, 5, 5, 6, 8, 3, 9, 5];
  return { nodes, samples, timeDeltas: [0, ...samples.map(() => 1000)] };
}

it('splits busy samples by concern: the record and signing by any frame, JSON by the sampled function', () => {
  const { busyMs, concerns } = shares(setup());
  expect(busyMs).toBeCloseTo(8);
  expect(Object.fromEntries([...concerns].map(([k, v]) => [k, Math.round(v)]))).toEqual({
    'the access record (chain, checks, commit over pg)': 4,
    'signing the department context (Ed25519)': 1,
    'JSON.parse': 1,
    'HTTP server and Apollo Server pipeline': 1,
    'garbage collection': 1,
  });
});

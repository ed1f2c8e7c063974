import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fire } from '../../../bench/measure';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const delay = req.url === '/slow' ? 100 : 0;
    setTimeout(() => res.end(req.url === '/errors' ? '{"errors":[{}]}' : '{"data":{}}'), delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const request = (path = '/') => ({ url: url + path, headers: {}, body: () => '{}' });

it('sends exactly the offered rate × duration, spread over the duration (--rate)', async () => {
  const { result, graphqlErrors } = await fire(request(), Math.random, {
    connections: 5,
    durationS: 1.5,
    rate: 20,
  });
  expect(result.requests).toEqual({ total: 30, sent: 30 });
  // Evenly spaced, not sent in a burst: the last is due 1.45 s after the first.
  expect(result.duration).toBeGreaterThanOrEqual(1.45);
  expect(graphqlErrors).toBe(0);
});

it('times each request from when it was due, so a slow server is not hidden by sending less', async () => {
  // 20 requests due over 1 s on one connection to a server taking 100 ms each: the last is due
  // at 0.95 s and answered at about 2 s, over 1 s late. Timed from its send, it would be 100 ms.
  const { result } = await fire(request('/slow'), Math.random, {
    connections: 1,
    durationS: 1,
    rate: 20,
  });
  expect(result.requests.total).toBe(20);
  expect(result.latency.max).toBeGreaterThan(900);
  expect(result.latency.p50).toBeGreaterThan(300);
});

it('counts GraphQL errors in 2xx answers at an offered rate as without one', async () => {
  const paced = await fire(request('/errors'), Math.random, {
    connections: 2,
    durationS: 0.5,
    rate: 10,
  });
  expect(paced.graphqlErrors).toBe(5);
  const closed = await fire(request('/errors'), Math.random, { connections: 2, durationS: 0.5 });
  expect(closed.graphqlErrors).toBe(closed.result.requests.total);
  expect(closed.result.requests.total).toBeGreaterThan(10);
});

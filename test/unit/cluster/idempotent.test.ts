import { isIdempotent } from '../../../scripts/cluster/idempotent';

const post = (query: string) => Buffer.from(JSON.stringify({ query }));

it('retries GET and queries on another replica, never a mutation or an unreadable body', () => {
  expect(isIdempotent('GET', Buffer.alloc(0))).toBe(true);
  expect(isIdempotent('POST', post('{ enterprises(limit: 1) { uscc } }'))).toBe(true);
  expect(isIdempotent('POST', post('query A { a } query B { b }'))).toBe(true);
  expect(isIdempotent('POST', post('mutation { fileObjection(x: 1) { id } }'))).toBe(false);
  expect(isIdempotent('POST', post('query A { a } mutation B { b }'))).toBe(false);
  expect(isIdempotent('POST', Buffer.from('not json'))).toBe(false);
  expect(isIdempotent('POST', post('{ unclosed'))).toBe(false);
  expect(isIdempotent('DELETE', Buffer.alloc(0))).toBe(false);
});

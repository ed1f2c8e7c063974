import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePrivateDirectory } from '../../../contracts/files';

describe('a private directory', () => {
  it('is 0700 itself while the parents it creates stay ordinary (the embedded PostgreSQL must reach its data beside it)', () => {
    const root = mkdtempSync(join(tmpdir(), 'private-dir-'));
    const umask = process.umask(0o022);
    try {
      const keys = join(root, '.data', 'keys');
      makePrivateDirectory(keys);
      expect(statSync(keys).mode & 0o777).toBe(0o700);
      expect(statSync(join(root, '.data')).mode & 0o777).toBe(0o755);
      makePrivateDirectory(keys); // again: nothing changes, nothing throws
      expect(statSync(keys).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(umask);
      rmSync(root, { recursive: true, force: true });
    }
  });
});

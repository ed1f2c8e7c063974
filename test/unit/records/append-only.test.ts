import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RECORDS_DIR = join(__dirname, '..', '..', '..', 'records');

describe('the records module only ever appends', () => {
  it('sends no UPDATE, DELETE or TRUNCATE statement from any of its files', () => {
    const sources = readdirSync(RECORDS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(sources.length).toBeGreaterThan(5);
    const offending = sources.filter((file) => {
      // Comments may name the words; code may not, in SQL's capitals or in a statement's shape.
      const code = readFileSync(join(RECORDS_DIR, file), 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
      return (
        /\b(UPDATE|DELETE|TRUNCATE|MERGE)\b/.test(code) ||
        /\bdelete\s+from\b|\bupdate\s+[\w."${}]+\s+set\b|\btruncate\s+(table\s+)?[\w."${}]+|\bmerge\s+into\b/i.test(
          code,
        )
      );
    });
    expect(offending).toEqual([]);
  });
});

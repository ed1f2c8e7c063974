import { LineCounter, parseDocument, type Document } from 'yaml';

/** A policy file's text and the name to report it by. */
export interface PolicySource {
  readonly file: string;
  readonly text: string;
}

/** A parsed policy file that can say where a path inside it is written. */
export interface ParsedSource {
  readonly file: string;
  readonly data: unknown;
  /** 'file:line:col path' for a path into the document (the nearest written ancestor's position). */
  at(path: readonly PropertyKey[]): string;
}

/**
 * Parses a YAML policy file. Throws an Error naming the file, line and column of the first
 * syntax error.
 */
export function parseSource(source: PolicySource): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(
      `${source.file}:${pos.line}:${pos.col}: YAML syntax error: ${what}. Fix the YAML there.`,
    );
  }
  return {
    file: source.file,
    data: document.toJS(),
    at: (path) => `${source.file}:${position(document, lineCounter, path)} ${formatPath(path)}`,
  };
}

function position(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): string {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}

/** `grants[0].fields.Person.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((key, i) =>
        typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`,
      )
      .join('') || '(top level)'
  );
}

import type { ValidationRule } from 'graphql';
import { measureDocument, type OperationMeasures } from './measure';
import type { OperationLimits } from './options';
import { limitExceeded, type LimitKind } from './refusal';

const MEASURED: readonly [keyof OperationMeasures, keyof OperationLimits][] = [
  ['depth', 'maxDepth'],
  ['aliases', 'maxAliases'],
  ['rootFields', 'maxRootFields'],
  ['directives', 'maxDirectives'],
  ['height', 'maxHeight'],
  ['expandedFields', 'maxExpandedFields'],
];

/**
 * Refuses a document over a limit as soon as validation enters it, before any other rule
 * reports, before planning and before the policy walk; in time linear in its size.
 */
export function operationLimitsRule(
  limits: OperationLimits,
  onRefused: (kind: LimitKind) => void,
): ValidationRule {
  return (context) => ({
    Document(document) {
      const bytes = Buffer.byteLength(document.loc?.source.body ?? '', 'utf8');
      const over = (kind: LimitKind, found: number, max: number) => {
        onRefused(kind);
        context.reportError(limitExceeded(kind, found, max));
        return false; // this rule has nothing more to see
      };
      if (bytes > limits.maxDocumentBytes)
        return over('documentBytes', bytes, limits.maxDocumentBytes);
      const measures = measureDocument(context.getSchema(), document);
      for (const [measure, limit] of MEASURED) {
        if (measures[measure] > limits[limit])
          return over(measure, measures[measure], limits[limit]);
      }
      return false;
    },
  });
}

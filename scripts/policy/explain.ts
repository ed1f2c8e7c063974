import { createPolicyEngine, loadPolicies } from '../../policies';
import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import { IDENTITY_USAGE, resolveAsker } from './consumer';
import { explanationReport, shownConsumer, type Explanation } from './explain-report';
import { decideFields } from './field-decisions';
import { apiSchema, loadGraph, SOURCE_OPTIONS, SOURCE_USAGE } from './graph';
import { readOperationText, selectOperation } from './operation';
import { quotaLines, quotaStates } from './quota';
import { rowsOfFieldsRead } from './rows';

const USAGE = `Usage: npm run policy -- explain --as <consumer> --purpose <code> --query '<graphql>' [options]

Shows, for every field an operation selects (by response path, aliases kept), whether the
gateway lets the consumer read it in full, only masked (and how), or not at all, and the
grant or rule behind it. The decision is the gateway's own: the same walk over fragments,
inline fragments and interfaces, against the client-facing API schema.

Who is asking:
${IDENTITY_USAGE}
What for:
  --purpose <code>     the purpose stated in x-purpose; default: the demo consumer's usual one
The operation:
  --query <graphql>    the operation text
  --file <file>        or a file holding it
  --operation <name>   which operation of the document (when it holds several)
  --case-number <no>   the x-case-number stated (quotas count requests without one apart)
Output:
  --json               machine-readable output
${SOURCE_USAGE}
  -h, --help           this text

Example:
  npm run policy -- explain --as caseworker --purpose social-assistance-eligibility \\
    --query '{ person(id: "P1") { name idNumber medicalRecords { diagnosis } } }'`;

/** `policy explain`: what the gateway would allow, mask and deny in one operation, and why. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'show, field by field, what an operation may read for a consumer and purpose',
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      ...SOURCE_OPTIONS,
      as: { type: 'string' },
      person: { type: 'string' },
      token: { type: 'string' },
      jwks: { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      purpose: { type: 'string' },
      query: { type: 'string' },
      file: { type: 'string' },
      operation: { type: 'string' },
      'case-number': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    const { text, source } = readOperationText(values);
    const asker = await resolveAsker(values);
    const purpose = values.purpose ?? asker.typicalPurpose;
    if (!purpose) throw new UsageError('State the purpose with --purpose <code>.');

    const graph = loadGraph(values.supergraph);
    const policies = loadPolicies(values.policies);
    const schema = apiSchema(graph);
    const { document, operation } = selectOperation(schema, text, source, values.operation);
    const engine = createPolicyEngine(policies, graph.classification, { now: () => env.now });
    const ability = engine.abilityFor(asker.consumer, purpose);
    const { fields, introspection } = decideFields(
      schema,
      document,
      operation,
      ability,
      graph.classification,
    );
    const purposeName = policies.purposes.find((p) => p.code === purpose)?.name.zh ?? null;
    const quota = await quotaStates(
      policies,
      fields,
      { consumer: asker.consumer, caseNumber: values['case-number'] ?? null },
      { url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX },
      env.now,
    );
    const explanation: Explanation = {
      consumer: shownConsumer(asker.consumer),
      purpose,
      purposeName,
      operation: operation.name?.value ?? null,
      introspection,
      fields,
      rows: rowsOfFieldsRead(policies, fields),
      ...(quota.quotas.length > 0 ? { quotas: quota.quotas } : {}),
    };
    return ok(
      values.json
        ? `${JSON.stringify(explanation, null, 2)}\n`
        : `${explanationReport(explanation)}${quotaLines(quota)
            .map((l) => `${l}\n`)
            .join('')}`,
    );
  },
};

import { parseCommandArgs } from './args';
import { failed, ok, UsageError, type Command } from './command';
import { STEPS } from './request/steps';

/** Where the gateway is, by default (`npm start`'s). */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';

const USAGE = `Usage: npm run policy -- request <step> [<number>] --token <jwt> [options]

Sharing requests (《政务数据共享条例》 art. 20-28) through the gateway, as the graph's
mutations do it: every step is decided by the policy and leaves an access record. Prints the
request (and a receipt for steps that change the live policy) as JSON.

Steps:
${Object.entries(STEPS)
  .map(([name, step]) => `  ${name.padEnd(17)}${step.summary}`)
  .join('\n')}

Options:
  --token <jwt>      the official's bearer token (npm run -s token -- <consumer>); or TOKEN
  --gateway <url>    the gateway (default GATEWAY_URL, else ${DEFAULT_GATEWAY_URL})
  --purpose <code>   x-purpose (default data-sharing)
  --for <code>       submit: the purpose the grant is for`;

const OPTIONS = {
  token: { type: 'string' },
  gateway: { type: 'string' },
  purpose: { type: 'string' },
  for: { type: 'string' },
  provider: { type: 'string' },
  role: { type: 'string' },
  'legal-basis': { type: 'string' },
  scenario: { type: 'string' },
  scope: { type: 'string' },
  method: { type: 'string' },
  'period-end': { type: 'string' },
  consent: { type: 'string' },
  field: { type: 'string', multiple: true },
  row: { type: 'string', multiple: true },
  missing: { type: 'string', multiple: true },
  note: { type: 'string' },
  days: { type: 'string' },
  reason: { type: 'string' },
  explanation: { type: 'string' },
  approve: { type: 'boolean' },
  'approve-in-part': { type: 'boolean' },
  refuse: { type: 'boolean' },
  uphold: { type: 'boolean' },
  state: { type: 'string' },
  overdue: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `policy request <step>`: the CLI twin of the sharing request mutations and queries. */
export const requestCommand: Command = {
  name: 'request',
  summary: 'sharing requests: submit, reply, suspend, ... through the gateway',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, {
      allowed: 2,
      what: 'a step and, for most steps, a request number',
    });
    if (values.help || positionals.length === 0) return ok(`${USAGE}\n`);
    const [name, number] = positionals;
    const step = STEPS[name!];
    if (!step) throw new UsageError(`Unknown step; use one of: ${Object.keys(STEPS).join(', ')}.`);
    if (step.numbered !== (number !== undefined)) {
      throw new UsageError(
        step.numbered ? `'${name}' takes the request number.` : `'${name}' takes no number.`,
      );
    }
    const token = values.token ?? process.env.TOKEN;
    if (!token) throw new UsageError('Say who is asking: --token <jwt> (or TOKEN).');
    const gateway = values.gateway ?? process.env.GATEWAY_URL ?? DEFAULT_GATEWAY_URL;
    const post = async (operation: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${gateway.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-purpose': values.purpose ?? 'data-sharing',
        },
        body: JSON.stringify({ query: operation, variables }),
      });
      return (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
    };
    let body = await post(step.operation, step.variables(values, number));
    if (!body.errors?.length && step.follow) {
      const next = step.follow(body.data!);
      const followed = await post(next.operation, next.variables);
      body = { data: { ...body.data, ...followed.data }, errors: followed.errors };
    }
    if (body.errors?.length) {
      return failed(
        body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'),
      );
    }
    return ok(`${JSON.stringify(body.data, null, 2)}\n`);
  },
};

import { z } from 'zod';

/** Placeholders a row condition may use, resolved from the consumer. */
export const PLACEHOLDERS = ['$jurisdiction', '$personId', '$department'] as const;

/** A placeholder of row conditions. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|\*)$/;

/** A strict object whose unknown keys are reported with the keys allowed there. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; the keys allowed here are: ${allowed}`
        : undefined,
  });
}

function text(what: string) {
  return z
    .string({ error: `write ${what}` })
    .trim()
    .min(1, `write ${what}`);
}

function kebab(what: string, example: string) {
  return z
    .string({ error: `write ${what} in kebab-case, e.g. ${example}` })
    .regex(KEBAB, `${what} is kebab-case (lower-case words joined by '-'), e.g. ${example}`);
}

const rowScalar = z
  .union([z.string(), z.number(), z.boolean()])
  .refine(
    (v) =>
      typeof v !== 'string' ||
      !v.startsWith('$') ||
      (PLACEHOLDERS as readonly string[]).includes(v),
    `a value starting with '$' is a placeholder: write one of ${PLACEHOLDERS.join(', ')}`,
  );

const rowValue = z.union(
  [rowScalar, strict({ $in: z.array(rowScalar).min(1, 'list at least one value in $in') })],
  {
    error:
      'a row condition is a value (string, number, boolean, or a placeholder) or { $in: [values] }',
  },
);

/** One entry of purposes.yaml. */
export const purposeSchema = strict({
  code: kebab('a purpose code', 'social-assistance-eligibility'),
  name: strict({ zh: text('the Chinese name'), en: text('the English name') }),
  legalBasis: text('the law or regulation the purpose rests on'),
});

/** The whole of purposes.yaml. */
export const purposesFileSchema = strict({
  purposes: z
    .array(purposeSchema, { error: 'list the purposes under `purposes:`' })
    .min(1, 'list at least one purpose'),
});

const consumerSchema = z.union(
  [
    strict({
      department: kebab('the consumer department (its subgraph name)', 'civil-affairs'),
      role: kebab('the consumer role', 'caseworker'),
      application: text('the application id').optional(),
    }),
    strict({ citizen: z.literal(true) }),
  ],
  { error: 'write the consumer as { department, role, application? } or { citizen: true }' },
);

const accessSchema = z.enum(['full', 'masked'], { error: "write 'full' or 'masked'" });

const typeKey = z.string().regex(TYPE_NAME, 'a type name as the SDL spells it, e.g. Person');
const fieldKey = z
  .string()
  .regex(FIELD_NAME, "a field name as the SDL spells it, or '*' for all the fields you own");

const fieldsSchema = z
  .record(typeKey, z.record(fieldKey, accessSchema), {
    error: 'write fields as { TypeName: { field: full | masked } }',
  })
  .refine((f) => Object.keys(f).length > 0, 'open at least one field');

const rowsSchema = z.record(
  typeKey,
  z.record(z.string().regex(TYPE_NAME, 'a field name of the type'), rowValue),
  {
    error: 'write rows as { TypeName: { field: value } }',
  },
);

const persons = (what: string) =>
  z
    .number({ error: `write ${what} as a whole number of persons` })
    .int(`write ${what} as a whole number of persons`)
    .min(1, `${what} is at least 1 person; remove the key for no quota`)
    .optional();

/** Daily quotas of distinct persons disclosed under a grant (China Standard Time days). */
const quotaSchema = strict({
  personsPerOfficial: persons('the persons one official may be shown per day'),
  personsWithoutCaseNumber: persons(
    'the persons one official may be shown per day without an x-case-number',
  ),
  personsPerApplication: persons('the persons one application may be shown per day'),
}).refine((q) => Object.values(q).some((v) => v !== undefined), {
  message:
    'name at least one of personsPerOfficial, personsWithoutCaseNumber, personsPerApplication',
});

/** One grant of grants/<provider>.yaml (the provider is the file name). */
export const grantSchema = strict({
  id: kebab('the grant id', 'tax-caseworker-income'),
  consumer: consumerSchema,
  purposes: z
    .array(kebab('a purpose code', 'social-assistance-eligibility'), {
      error: 'list purpose codes: [code, ...]',
    })
    .min(1, 'list at least one purpose code from purposes.yaml'),
  fields: fieldsSchema,
  rows: rowsSchema.optional(),
  legalBasis: text('the law or regulation that allows the disclosure').optional(),
  expires: z.iso
    .date({ error: 'write the last day the grant applies as an ISO date, e.g. 2027-06-30' })
    .optional(),
  note: text('a note').optional(),
  request: z
    .string()
    .regex(/^SHR[0-9]{8}$/, 'a sharing request number such as SHR00000042')
    .optional(),
  quota: quotaSchema.optional(),
  documents: z
    .union(
      [
        z.literal('only'),
        z
          .array(z.string().regex(/^[0-9a-f]{64}$/, 'a document id: 64 lower-case hex digits'))
          .min(1, 'list at least one document id, or write `only`'),
      ],
      {
        error:
          "write documents as 'only' (the documents of the consumer's application manifest) or a list of document ids",
      },
    )
    .optional(),
});

/** The whole of a grants file. */
export const grantsFileSchema = strict({
  grants: z.array(grantSchema, {
    error: 'list the grants under `grants:` (an empty list is allowed)',
  }),
});

export type PurposesFile = z.infer<typeof purposesFileSchema>;
export type GrantsFile = z.infer<typeof grantsFileSchema>;

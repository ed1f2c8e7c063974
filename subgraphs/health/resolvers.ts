import {
  page,
  personReference,
  sharingReachField,
  sharingReachResolver,
  type DepartmentContext,
} from '../kit';
import { districtCodeArg } from '../kit';
import { certificateNumberArg, dateArg } from './arguments';
import { HEALTH_REACH } from './reach';
import { listBirthCertificates, type BirthCertificateRow, type Loaders } from './store';

type Context = DepartmentContext<Loaders>;

interface PersonRef {
  id: string;
}

interface CertificatesArgs {
  districtCode?: string | null;
  bornOnOrAfter?: string | null;
  limit?: number;
  offset?: number;
}

const person = (id: string) => ({ __typename: 'Person' as const, id });

export const resolvers = {
  Query: {
    birthCertificate: (_: unknown, args: { certificateNumber: string }, ctx: Context) =>
      ctx.loaders.certificate.load(certificateNumberArg(args.certificateNumber)),
    birthCertificates: async (_: unknown, args: CertificatesArgs, ctx: Context) => {
      const filter = {
        districtCode: districtCodeArg(args.districtCode),
        bornOnOrAfter: dateArg('bornOnOrAfter', args.bornOnOrAfter),
      };
      const rows = await listBirthCertificates(ctx.db, ctx.caller, filter, page(args));
      // Not certificateOfChild: Person.birthCertificate has row rules of its own.
      for (const row of rows) ctx.loaders.certificate.prime(row.certificateNumber, row);
      return rows;
    },
    [sharingReachField('health')]: sharingReachResolver(HEALTH_REACH),
  },
  Person: {
    // Public security owns persons: every id resolves here, with no record meaning none.
    __resolveReference: personReference,
    birthCertificate: (ref: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.certificateOfChild.load(ref.id),
    vaccinations: (ref: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.vaccinations.load(ref.id),
    medicalRecords: (ref: PersonRef, _: unknown, ctx: Context) =>
      ctx.loaders.medicalRecords.load(ref.id),
  },
  BirthCertificate: {
    child: (certificate: BirthCertificateRow) => person(certificate.childId),
    mother: (certificate: BirthCertificateRow) => person(certificate.motherId),
    father: (certificate: BirthCertificateRow) =>
      certificate.fatherId ? person(certificate.fatherId) : null,
  },
};

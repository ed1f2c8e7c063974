import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 卫生健康委 Health: birth medical certificates, vaccinations and medical records. */
export default defineDepartment({
  name: 'health',
  typeDefs: departmentTypeDefs('health'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name (CERTIFICATE_COLUMNS in SQL); a Person by its id only.
  facts: {
    BirthCertificate: {
      certificateNumber: 'certificateNumber',
      child: 'childId',
      mother: 'motherId',
      father: 'fatherId',
      districtCode: 'districtCode',
    },
  },
  subjects: {
    BirthCertificate: (row) => [
      row.childId as string,
      row.motherId as string,
      row.fatherId as string | null,
    ],
    Vaccination: (row) => row.personId as string,
    MedicalRecord: (row) => row.personId as string,
  },
});

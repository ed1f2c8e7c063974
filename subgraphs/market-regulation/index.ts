import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 市场监督管理局 Market Regulation: owns Enterprise (the business registry) and its penalties. */
export default defineDepartment({
  name: 'market-regulation',
  typeDefs: departmentTypeDefs('market-regulation'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name (ENTERPRISE_ROW, PENALTY_ROW in SQL).
  facts: {
    Enterprise: { districtCode: 'districtCode', legalRepresentative: 'legalRepresentativeId' },
    AdministrativePenalty: { decisionNumber: 'decisionNumber', authority: 'authorityCode' },
  },
  subjects: {
    // Only `legalRepresentative` is personal: it names the representative.
    Enterprise: (row) => row.legalRepresentativeId as string,
  },
});

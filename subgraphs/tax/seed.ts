import type { City } from '../../fixtures/city/types';
import { flatMap, map, type LoadTable } from '../kit';

/** Tax keeps enterprises' arrears and credit ratings, and persons' yearly taxable income. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'taxpayer',
    ['uscc', 'arrears'],
    map(city.enterprises(), (e) => [e.uscc, e.taxArrears]),
  );
  await load(
    'tax_credit_rating',
    ['uscc', 'year', 'level'],
    map(city.enterprises(), (e) => [e.uscc, e.taxCreditRating.year, e.taxCreditRating.level]),
  );
  await load(
    'personal_income',
    ['person_id', 'year', 'amount'],
    flatMap(city.households(), (h) =>
      h.members.flatMap((p) => p.annualIncomes.map((i) => [p.id, i.year, i.amount])),
    ),
  );
}

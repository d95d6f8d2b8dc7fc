import { alignByKey, type Claims, type Database } from '@gzequip/kit';
import DataLoader from 'dataloader';
import { type CoverageCell, type CoverageKey, CoverageModel } from '../models/coverage.ts';

const cellKey = ({ regionCode, industry, year }: CoverageKey) => `${year}|${regionCode}|${industry}`;

/** A year the database can take an end of (`make_date` refuses year 0 and fails the whole batch). */
const isCalendarYear = (year: number) => Number.isInteger(year) && year >= 1 && year <= 9999;

/** Per request and per caller: the instruments of the coverage map's cells, every cell in one statement. */
export class CoverageSource {
  readonly byKey: DataLoader<CoverageKey, CoverageCell | null, string>;

  constructor(db: Database, viewer: Claims) {
    const model = new CoverageModel(db);
    this.byKey = new DataLoader(
      async (keys) => {
        const countable = keys.filter((key) => isCalendarYear(key.year));
        const cells = countable.length > 0 ? await model.countCells(countable, viewer) : [];
        return alignByKey(keys.map(cellKey), cells, cellKey);
      },
      { cacheKeyFn: cellKey },
    );
  }
}

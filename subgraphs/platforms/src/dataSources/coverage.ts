import { type Database, todayInGuizhou } from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { Industry } from '../__generated__/resolvers-types.ts';
import { type CoverageCell, CoverageModel, coverageYear, isCoverageCell, isCoverageYear } from '../models/coverage.ts';

/** What the gateway sends to resolve a cell (its key). */
export interface CoverageKey {
  regionCode: string;
  industry: Industry;
  year: number;
}

/** Per request: the coverage map of each year asked for, all years in one statement. */
export class CoverageSource {
  private readonly cellsOfYear: DataLoader<number, CoverageCell[]>;

  constructor(db: Database) {
    const model = new CoverageModel(db);
    // One `today` for the whole request, so every cell judges credentials by the same day.
    const today = todayInGuizhou();
    this.cellsOfYear = new DataLoader(async (years) => {
      const cells = await model.findCells(years, today);
      return years.map((year) => cells.filter((cell) => cell.year === year));
    });
  }

  /** `Query.coverage`: every cell of the year (the current one by default), checked first. */
  ofYear(year: number | null | undefined): Promise<CoverageCell[]> {
    return this.cellsOfYear.load(coverageYear(year));
  }

  /** A cell by its key, or null when the key names no cell of the map. */
  async byKey({ regionCode, industry, year }: CoverageKey): Promise<CoverageCell | null> {
    if (!isCoverageYear(year) || !isCoverageCell(regionCode, industry)) return null;
    const cells = await this.cellsOfYear.load(year);
    return cells.find((cell) => cell.regionCode === regionCode && cell.industry === industry) ?? null;
  }
}

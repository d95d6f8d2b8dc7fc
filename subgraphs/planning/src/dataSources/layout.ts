import { badUserInput, type Database, INDUSTRIES, regionCodes, todayInGuizhou } from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { Industry } from '../__generated__/resolvers-types.ts';
import { LAYOUT_YEARS, type LayoutMilestone, LayoutModel } from '../models/layout.ts';

/** A cell of the platform layout, as planning knows it: its key, and the in-service count the gateway brings. */
export interface LayoutCell {
  regionCode: string;
  industry: Industry;
  year: number;
  /** From the platforms source, through `@requires`, when a field asks for it. */
  platformCount?: number;
}

/** Per request: the layout plan's milestones, by region, batched. */
export class LayoutSource {
  readonly model: LayoutModel;
  private readonly milestonesOfRegion: DataLoader<string, LayoutMilestone[]>;

  constructor(db: Database) {
    const model = new LayoutModel(db);
    this.model = model;
    this.milestonesOfRegion = new DataLoader(async (codes) => {
      const milestones = await model.find(codes);
      return codes.map((code) => milestones.filter((m) => m.regionCode === code));
    });
  }

  /** The milestones of one cell, earliest first. */
  async milestonesOf({ regionCode, industry }: LayoutCell): Promise<LayoutMilestone[]> {
    return (await this.milestonesOfRegion.load(regionCode)).filter((m) => m.industry === industry);
  }

  /** A region's cells for a year (the current one by default), one per key industry. */
  cellsOfRegion(regionCode: string, year: number | null | undefined): LayoutCell[] {
    const chosen = year ?? Number(todayInGuizhou().slice(0, 4));
    if (!Number.isInteger(chosen) || chosen < LAYOUT_YEARS.min || chosen > LAYOUT_YEARS.max) {
      throw badUserInput('year', `must be between ${LAYOUT_YEARS.min} and ${LAYOUT_YEARS.max}`);
    }
    return INDUSTRIES.map((industry) => ({ regionCode, industry, year: chosen }));
  }

  list(
    regionCode: string | null | undefined,
    includeAdministered: boolean | null | undefined,
    industry?: Industry | null,
  ) {
    const codes = regionCodes(regionCode == null ? null : [regionCode], includeAdministered, 'regionCode');
    return this.model.find(codes, industry ?? null);
  }
}

import { alignByKey, type Database } from '@gzequip/kit';
import DataLoader from 'dataloader';
import { type Region, RegionModel } from '../models/region.ts';

export class RegionSource {
  private readonly model: RegionModel;
  readonly byCode: DataLoader<string, Region | null>;

  constructor(db: Database) {
    const model = new RegionModel(db);
    this.model = model;
    this.byCode = new DataLoader(async (codes) => alignByKey(codes, await model.findByCodes(codes), (r) => r.code));
  }

  async all(): Promise<Region[]> {
    const regions = await this.model.findAll();
    for (const region of regions) this.byCode.prime(region.code, region);
    return regions;
  }
}

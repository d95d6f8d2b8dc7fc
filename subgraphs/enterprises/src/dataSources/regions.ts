import type { Database } from '@gzequip/kit';
import { type Region, RegionModel } from '../models/region.ts';

/** The ten regions, read once per request however many the request touches. */
export class RegionSource {
  private readonly model: RegionModel;
  private loaded: Promise<Region[]> | undefined;

  constructor(db: Database) {
    this.model = new RegionModel(db);
  }

  all(): Promise<Region[]> {
    this.loaded ??= this.model.findAll();
    return this.loaded;
  }

  async byCode(code: string): Promise<Region | null> {
    return (await this.all()).find((region) => region.code === code) ?? null;
  }

  /** The areas a prefecture administers. */
  async administeredBy(code: string): Promise<Region[]> {
    return (await this.all()).filter((region) => region.parentCode === code);
  }
}

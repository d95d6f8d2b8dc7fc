import type { Database } from '@gzequip/kit';

interface CapabilityRow {
  platform_id: string;
  name: string;
  description: string | null;
  tags: string[];
}

export interface Capability {
  platformId: string;
  name: string;
  description: string | null;
  tags: string[];
}

export class CapabilityModel {
  constructor(private readonly db: Database) {}

  async findByPlatformIds(platformIds: readonly string[]): Promise<Capability[]> {
    const rows = await this.db
      .table<CapabilityRow>('capability')
      .whereIn('platform_id', [...platformIds])
      .orderBy(['platform_id', 'id']);
    return rows.map((row) => ({
      platformId: row.platform_id,
      name: row.name,
      description: row.description,
      tags: row.tags,
    }));
  }
}

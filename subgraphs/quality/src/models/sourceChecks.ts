/**
 * What the integrity check reads of each source, as any client of the graph would: a source's
 * list, page by page, with each reference it holds to a record another source keeps. The graph
 * resolves each reference in the source that keeps the record; `exists` is true there and null for
 * a record that source does not keep. Nothing here reads another source's database.
 */
import type { TARGET_TYPES } from '../migrations/20261215000000_integrity.ts';

export type TargetType = (typeof TARGET_TYPES)[number];

/** A field of a record that names a record another source keeps, and that record's key. */
export interface ReferenceField {
  field: string;
  targetType: TargetType;
  key: 'id' | 'code';
}

export interface SourceCheck {
  /** The subgraph the records come from. */
  source: string;
  entity: string;
  /** The root list field that pages through every record an administrator may see. */
  list: string;
  references: ReferenceField[];
  /** Fields the records should have, though the source lets them be empty. */
  expectedFields: string[];
}

const owner = (field: string): ReferenceField => ({ field, targetType: 'Enterprise', key: 'id' });
const platform = (field: string): ReferenceField => ({ field, targetType: 'Platform', key: 'id' });
const region: ReferenceField = { field: 'region', targetType: 'Region', key: 'code' };

/** Every source and the references it holds, in the order they are checked and shown. */
export const SOURCE_CHECKS: readonly SourceCheck[] = [
  {
    source: 'instruments',
    entity: 'Instrument',
    list: 'instruments',
    references: [owner('owner'), platform('platform'), region],
    // What the national record asks of a shared instrument, for an SME to use it.
    expectedFields: ['serviceContent', 'sharingRules', 'feeText', 'address', 'contactName', 'contactPhone'],
  },
  {
    source: 'platforms',
    entity: 'Platform',
    list: 'platforms',
    references: [owner('operator'), region],
    expectedFields: ['description', 'website', 'establishedYear'],
  },
  {
    source: 'assessments',
    entity: 'Assessment',
    list: 'assessments',
    references: [platform('platform'), region],
    expectedFields: [],
  },
  {
    source: 'planning',
    entity: 'Zone',
    list: 'zones',
    references: [region],
    expectedFields: ['controlUnit'],
  },
  {
    source: 'planning',
    entity: 'Plant',
    list: 'plants',
    references: [owner('enterprise')],
    expectedFields: [],
  },
  {
    // The registry's own regions are bound to its records by a foreign key: only its gaps count.
    source: 'enterprises',
    entity: 'Enterprise',
    list: 'enterprises',
    references: [],
    expectedFields: ['address', 'foundedYear', 'scale', 'contactName', 'contactPhone'],
  },
];

/** Records per page: the lists' largest page, so a province's records take as few round trips as they can. */
export const PAGE_SIZE = 500;

/** The query that reads one page of a source's records with what the check needs of them. */
export function pageQuery(check: SourceCheck): string {
  const references = check.references.map(({ field, key }) => `${field} { ${key} exists }`);
  const node = ['id', 'updatedAt', ...check.expectedFields, ...references].join(' ');
  return `query IntegrityPage($first: Int!, $after: String) {
  page: ${check.list}(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${node} } }
  }
}`;
}

export interface RecordPage {
  page: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Record<string, unknown> & { id: string; updatedAt: string } }[];
  } | null;
}

export interface DanglingReference {
  source: string;
  entity: string;
  recordId: string;
  field: string;
  targetType: TargetType;
  targetKey: string;
}

/** One source's figures, added to page by page. */
export class SourceTally {
  records = 0;
  references = 0;
  stale = 0;
  readonly missing: Record<string, number>;
  readonly dangling: DanglingReference[] = [];

  constructor(
    readonly check: SourceCheck,
    /** Records last changed before this instant are stale. */
    private readonly staleBefore: Date,
  ) {
    this.missing = Object.fromEntries(check.expectedFields.map((field) => [field, 0]));
  }

  add(node: Record<string, unknown> & { id: string; updatedAt: string }): void {
    this.records += 1;
    if (new Date(node.updatedAt) < this.staleBefore) this.stale += 1;
    for (const field of this.check.expectedFields) {
      const value = node[field];
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
        this.missing[field] = (this.missing[field] ?? 0) + 1;
      }
    }
    for (const { field, targetType, key } of this.check.references) {
      const target = node[field] as Record<string, unknown> | null | undefined;
      // No reference (an instrument on no platform): nothing to check.
      if (!target || target[key] == null) continue;
      this.references += 1;
      if (target.exists !== true) {
        this.dangling.push({
          source: this.check.source,
          entity: this.check.entity,
          recordId: node.id,
          field,
          targetType,
          targetKey: String(target[key]),
        });
      }
    }
  }
}

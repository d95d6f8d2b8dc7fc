import type { Database } from '@gzequip/kit';

/** A class of the NRII classification (two, four or six digits). */
export interface InstrumentClass {
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
}

interface ClassRow {
  code: string;
  name: string;
  name_en: string | null;
  parent_code: string | null;
}

const TABLE = 'instrument_class';

function toClass(row: ClassRow): InstrumentClass {
  return { code: row.code, name: row.name, nameEn: row.name_en, parentCode: row.parent_code };
}

/** The classification table: reference data every instrument's class code must exist in. */
export class ClassificationModel {
  constructor(private readonly db: Database) {}

  async findByCodes(codes: readonly string[]): Promise<InstrumentClass[]> {
    return ((await this.db.table<ClassRow>(TABLE).whereIn('code', [...codes])) as ClassRow[]).map(toClass);
  }

  /** The major classes, or the classes directly under `parentCode`, in code order. */
  async children(parentCode: string | null): Promise<InstrumentClass[]> {
    const query = this.db.table<ClassRow>(TABLE).orderBy('code');
    if (parentCode) query.where('parent_code', parentCode);
    else query.whereNull('parent_code');
    return ((await query) as ClassRow[]).map(toClass);
  }
}

/**
 * The legacy system's words and the graph's codes, one table per kind: the views read through
 * them, the INSTEAD OF trigger writes back through them, and the fixture is converted with them.
 * A word the table lacks stops the adapter's install (and any read of its row) with a message
 * naming it, rather than answering a wrong or empty value.
 */
import type {
  EnterpriseType,
  Industry,
  InstrumentPurpose,
  InstrumentReviewStatus,
  InstrumentSource,
  InstrumentStatus,
  SharingMode,
} from '../../__generated__/resolvers-types.ts';

export const STATUS_WORDS: Record<string, InstrumentStatus> = {
  正常: 'NORMAL',
  待机: 'STANDBY',
  远程服务: 'REMOTE_SERVICE',
  偶有故障: 'OCCASIONAL_FAULT',
  故障频发: 'FREQUENT_FAULTS',
  待修: 'AWAITING_REPAIR',
  待报废: 'AWAITING_SCRAPPING',
};

export const SHARING_MODE_WORDS: Record<string, SharingMode> = {
  对外共享: 'EXTERNAL',
  内部共享: 'INTERNAL',
  不共享: 'NOT_SHARED',
};

export const SOURCE_WORDS: Record<string, InstrumentSource> = {
  购置: 'PURCHASED',
  自研: 'SELF_BUILT',
  捐赠: 'DONATED',
  其他: 'OTHER',
};

export const PURPOSE_WORDS: Record<string, InstrumentPurpose> = {
  通用: 'GENERAL',
  专用: 'SPECIAL',
};

export const REVIEW_STATUS_WORDS: Record<string, InstrumentReviewStatus> = {
  草稿: 'DRAFT',
  待审核: 'SUBMITTED',
  已发布: 'PUBLISHED',
  已退回: 'REJECTED',
  已停用: 'RETIRED',
};

/** 单位性质 as the legacy record files it. */
export const OWNER_TYPE_WORDS: Record<string, EnterpriseType> = {
  企业: 'MANUFACTURER',
  检测机构: 'TESTING_INSTITUTION',
  高校: 'UNIVERSITY',
  科研院所: 'RESEARCH_INSTITUTE',
  平台运营机构: 'PLATFORM_OPERATOR',
};

/** 重点产业: the action plan's six industries by their Chinese names. */
export const INDUSTRY_WORDS: Record<string, Industry> = {
  航空: 'AVIATION',
  航天: 'AEROSPACE',
  汽车: 'AUTOMOTIVE',
  工程及矿山机械: 'ENGINEERING_MINING_MACHINERY',
  电力装备: 'POWER_EQUIPMENT',
  工业机器人: 'INDUSTRIAL_ROBOTS',
};

export const YES = '是';
export const NO = '否';
/** 是/否 flags. */
export const YES_NO_WORDS: Record<string, string> = { [YES]: 'true', [NO]: 'false' };

/** Separators of the legacy lists: disciplines by 、, industries by ；. */
export const DISCIPLINE_SEPARATOR = '、';
export const INDUSTRY_SEPARATOR = '；';

/** The legacy word for a code (the fixture's conversion). */
export function wordFor(words: Record<string, string>, code: string): string {
  const found = Object.entries(words).find(([, value]) => value === code);
  if (!found) throw new Error(`No legacy word for ${code}`);
  return found[0];
}

/** A text as an SQL string literal. */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * SQL that reads a legacy word as its code. A word outside the table calls the adapter schema's
 * `unmapped_word`, which raises naming the column and the word (so does null, unless `nullable`).
 */
export function codeSql(
  words: Record<string, string>,
  expression: string,
  { column, schema, nullable = false }: { column: string; schema: string; nullable?: boolean },
): string {
  const cases = Object.entries(words)
    .map(([word, code]) => `when ${literal(word)} then ${literal(code)}`)
    .join(' ');
  const read = `case ${expression} ${cases} else "${schema}".unmapped_word(${literal(column)}, ${expression}) end`;
  return nullable ? `case when ${expression} is null then null else ${read} end` : read;
}

/** SQL that writes a code back as the legacy word (null for a code outside the table). */
export function wordSql(words: Record<string, string>, expression: string): string {
  const cases = Object.entries(words)
    .map(([word, code]) => `when ${literal(code)} then ${literal(word)}`)
    .join(' ');
  return `case ${expression} ${cases} end`;
}

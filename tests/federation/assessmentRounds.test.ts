/**
 * The assessment as the department runs it, through the gateway: a scheme is data (a weight
 * changed reorders the ranking, weights that do not sum are refused); an administrator opens
 * the 2026 round and the machine hours fill from the instruments subgraph; assessors score what
 * only people can judge, never a platform their own enterprise operates; the round is published
 * and anyone sees the ranking, grades and subsidies; the sources change afterwards and only the
 * live score follows. On PostgreSQL two administrators really race to open one round.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, token } from '../support/federation.ts';
import {
  bookableInstrument,
  completedBooking,
  type InstrumentWorkers,
  removeFiledInstruments,
} from '../support/instrumentWork.ts';

const YEAR = 2026;
const PLATFORM = 'plt-01';
const INSTRUMENT_OWNER = 'ent-005'; // owns instruments on plt-01
const SME = 'ent-029';
const ELSEWHERE = '522600';

let admin: string;
let assessor: string;
let workers: InstrumentWorkers;
let operatorOfPlatform: string;
let platformIds: string[];

interface GraphError {
  message: string;
  extensions?: { code?: string; problems?: { field: string }[] };
}

async function data<T>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<T> {
  const answer = await gatewayQuery<T>(query, variables, bearer ? { bearer } : {});
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

async function refused(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphError> {
  const answer = await gatewayQuery(query, variables, { bearer });
  expect(answer.errors?.length).toBe(1);
  return answer.errors?.[0] as GraphError;
}

const SCHEME_FIELDS = `year version frozen name tieBreakCode subsidyPoolFen
  regionWeights { platforms industryCoverage openInstruments }
  grades { grade minTotal subsidyFen poolShareBasisPoints }
  indicators { code parentCode name nameEn weight source metric withinDays
    rule { kind floor cap norm thresholds { atLeast score } } }`;

interface SchemeAnswer {
  year: number;
  version: number;
  frozen: boolean;
  name: string;
  tieBreakCode: string | null;
  subsidyPoolFen: number | null;
  regionWeights: Record<string, number>;
  grades: Record<string, unknown>[];
  indicators: (Record<string, unknown> & { code: string; weight: number; rule: Record<string, unknown> | null })[];
}

async function scheme(year: number): Promise<SchemeAnswer | null> {
  const answer = await data<{ assessmentScheme: SchemeAnswer | null }>(
    `query ($year: Int!) { assessmentScheme(year: $year) { ${SCHEME_FIELDS} } }`,
    { year },
  );
  return answer.assessmentScheme;
}

/** A scheme as read, turned into the input that saves it (nulls left out). */
function asInput(read: SchemeAnswer, weights: Record<string, number> = {}) {
  const clean = (value: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null));
  return {
    name: read.name,
    tieBreakCode: read.tieBreakCode,
    subsidyPoolFen: read.subsidyPoolFen,
    regionWeights: read.regionWeights,
    grades: read.grades.map(clean),
    indicators: read.indicators.map((indicator) =>
      clean({
        ...indicator,
        weight: weights[indicator.code] ?? indicator.weight,
        rule: indicator.rule && clean(indicator.rule),
      }),
    ),
  };
}

const SAVE = `mutation ($year: Int!, $version: Int, $input: AssessmentSchemeInput!) {
  saveAssessmentScheme(year: $year, version: $version, input: $input) { year version } }`;

/** Platform ids in the order of their live score for the year, best first. */
async function liveRanking(year: number): Promise<string[]> {
  const answer = await data<{
    platforms: { edges: { node: { id: string; liveAssessment: { total: number } | null } }[] };
  }>(`query ($year: Int!) { platforms(first: 50) { edges { node { id liveAssessment(year: $year) { total } } } } }`, {
    year,
  });
  return answer.platforms.edges
    .map(({ node }) => ({ id: node.id, total: node.liveAssessment?.total ?? 0 }))
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id))
    .map((entry) => entry.id);
}

const ROUND = `query ($year: Int!) { assessmentRound(year: $year) { id status version
  entries(first: 50) { totalCount edges { node { platform { id } assessorId total grade missing
    figures { effectiveHours instruments } indicators { indicator { code } value score } } } } } }`;

interface RoundAnswer {
  id: string;
  status: string;
  version: number;
  entries: {
    totalCount: number;
    edges: {
      node: {
        platform: { id: string };
        assessorId: string | null;
        total: number;
        grade: string;
        missing: string[];
        figures: { effectiveHours: number; instruments: number };
        indicators: { indicator: { code: string }; value: number | null; score: number | null }[];
      };
    }[];
  };
}

async function round(bearer?: string): Promise<RoundAnswer | null> {
  return (await data<{ assessmentRound: RoundAnswer | null }>(ROUND, { year: YEAR }, bearer)).assessmentRound;
}

async function entryOf(platformId: string) {
  const found = (await round(admin))?.entries.edges.find(({ node }) => node.platform.id === platformId)?.node;
  if (!found) throw new Error(`${platformId} is not in the round`);
  return found;
}

const MOVE = (name: string) =>
  `mutation ($id: ID!, $version: Int!) { ${name}(id: $id, version: $version) { id status version } }`;
const ASSIGN = `mutation ($roundId: ID!, $platformIds: [ID!]!, $assessorId: ID!, $assessorEnterpriseId: ID) {
  assignAssessor(roundId: $roundId, platformIds: $platformIds, assessorId: $assessorId,
    assessorEnterpriseId: $assessorEnterpriseId) { id } }`;
const SCORE = `mutation ($roundId: ID!, $platformId: ID!, $scores: [EnteredScoreInput!]!) {
  scorePlatform(roundId: $roundId, platformId: $platformId, scores: $scores) { missing total } }`;

async function storedScores(): Promise<number> {
  const db = await database('assessments');
  return Number((await db.table('round_score').count({ n: '*' }).first())?.n ?? 0);
}

beforeAll(async () => {
  admin = await token({ role: Role.ADMIN, sub: 'department' });
  workers = {
    admin,
    owner: await token({ role: Role.ENTERPRISE_USER, sub: 'asm-owner', enterpriseId: INSTRUMENT_OWNER }),
    user: await token({ role: Role.ENTERPRISE_USER, sub: 'asm-sme', enterpriseId: SME }),
  };
  const platforms = await data<{ platforms: { edges: { node: { id: string; operator: { id: string } | null } }[] } }>(
    '{ platforms(first: 50) { edges { node { id operator { id } } } } }',
  );
  platformIds = platforms.platforms.edges.map(({ node }) => node.id);
  operatorOfPlatform = platforms.platforms.edges.find(({ node }) => node.id === PLATFORM)?.node.operator?.id ?? '';
  const operators = new Set(platforms.platforms.edges.map(({ node }) => node.operator?.id));
  expect(operators.has(SME)).toBe(false);
  assessor = await token({ role: Role.ASSESSOR, sub: 'assessor-li', enterpriseId: SME });
});

// The rounds, their results and the instruments filed here go, so later files see the demo data.
afterAll(async () => {
  const assessments = await database('assessments');
  const rounds = ['rnd-2026', 'rnd-2093'];
  await assessments.table('assessment').whereIn('round_id', rounds).del();
  await assessments.table('round_score').whereIn('round_id', rounds).del();
  await assessments.table('assessment_round').whereIn('id', rounds).del();
  await assessments.table('scheme').where({ year: 2093 }).del();
  await removeFiledInstruments('T-ASM-');
});

describe('schemes are data', () => {
  it('refuses weights that do not sum, naming the group, and stores nothing', async () => {
    const seeded = (await scheme(YEAR)) as SchemeAnswer;
    const firstLevel = asInput(seeded, { ORGANISATION: 30 });
    const error = await refused(SAVE, { year: 2095, input: firstLevel }, admin);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/ORGANISATION: children weigh 20(\.00)?, not 30/);
    const children = asInput(seeded, { ORG_OPEN_SHARE: 9 });
    const childError = await refused(SAVE, { year: 2095, input: children }, admin);
    expect(childError.extensions?.code).toBe('BAD_USER_INPUT');
    expect(childError.message).toMatch(/ORGANISATION: children weigh 21/);
    const unscaled = asInput(seeded, { ORGANISATION: 30, ORG_MANAGEMENT: 18 });
    expect((await refused(SAVE, { year: 2095, input: unscaled }, admin)).message).toMatch(/weigh 110(\.00)?, not 100/);
    expect(await scheme(2095)).toBeNull();
    // Only administrators edit schemes.
    const forbidden = await refused(SAVE, { year: 2095, input: asInput(seeded) }, assessor);
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
    expect(await scheme(2095)).toBeNull();
  });

  it('reorders the live ranking when one weight moves, with no code change', async () => {
    const seeded = (await scheme(YEAR)) as SchemeAnswer;
    const before = await liveRanking(YEAR);
    // Credentials now weigh what the share of instruments opened weighed, and the other way round.
    const moved = asInput(seeded, { ORG_OPEN_SHARE: 2, ORG_CREDENTIALS: 10 });
    const saved = await data<{ saveAssessmentScheme: { version: number } }>(
      SAVE,
      { year: YEAR, version: seeded.version, input: moved },
      admin,
    );
    expect(saved.saveAssessmentScheme.version).toBe(seeded.version + 1);
    const after = await liveRanking(YEAR);
    expect(after).not.toEqual(before);
    expect([...after].sort()).toEqual([...before].sort());
    // Saving it back restores the ranking; the stale version is refused.
    const stale = await refused(SAVE, { year: YEAR, version: seeded.version, input: asInput(seeded) }, admin);
    expect(stale.extensions?.code).toBe('CONFLICT');
    await data(SAVE, { year: YEAR, version: seeded.version + 1, input: asInput(seeded) }, admin);
    expect(await liveRanking(YEAR)).toEqual(before);
  });
});

describe('the 2026 round', () => {
  it('fills the machine hours from the instruments subgraph when an administrator opens it', async () => {
    const instrument = await bookableInstrument(workers, {
      assetNumber: 'T-ASM-1',
      platformId: PLATFORM,
      regionCode: ELSEWHERE,
    });
    await completedBooking(workers, instrument, { day: `${YEAR}-11-24`, hours: 4, rating: 5 });

    expect(
      (await refused(MOVE('refreshAssessmentRound'), { id: 'rnd-2026', version: 1 }, admin)).extensions?.code,
    ).toBe('NOT_FOUND');
    const opened = await data<{ openAssessmentRound: { id: string; status: string } }>(
      'mutation ($year: Int!) { openAssessmentRound(year: $year) { id status } }',
      { year: YEAR },
      admin,
    );
    expect(opened.openAssessmentRound.status).toBe('OPEN');
    const again = await refused('mutation { openAssessmentRound(year: 2026) { id } }', {}, admin);
    expect(again.extensions?.code).toBe('CONFLICT');

    const sharing = await data<{
      platform: { sharingYears: { year: number; effectiveHours: number; instruments: number }[] };
    }>(`query ($id: ID!) { platform(id: $id) { sharingYears { year effectiveHours instruments } } }`, { id: PLATFORM });
    const owned = sharing.platform.sharingYears.find((entry) => entry.year === YEAR);
    const entry = await entryOf(PLATFORM);
    expect(entry.figures.effectiveHours).toBeGreaterThanOrEqual(4);
    expect(entry.figures).toEqual({ effectiveHours: owned?.effectiveHours, instruments: owned?.instruments });
    const hours = entry.indicators.find((result) => result.indicator.code === 'OP_EFFECTIVE_HOURS');
    expect(hours?.value).toBeCloseTo(entry.figures.effectiveHours / entry.figures.instruments, 3);
    expect(hours?.score).toBeGreaterThan(0);
    expect(entry.missing).toEqual(['ORG_MANAGEMENT', 'OP_UPKEEP']);
    expect((await round(admin))?.entries.totalCount).toBe(platformIds.length);
    // A round in progress is for assessors and administrators.
    expect(await round()).toBeNull();
    expect((await round(assessor))?.status).toBe('OPEN');
  });

  it('never lets an assessor score a platform their own enterprise operates', async () => {
    const operatorsAssessor = await token({
      role: Role.ASSESSOR,
      sub: 'assessor-wang',
      enterpriseId: operatorOfPlatform,
    });
    const own = await refused(
      ASSIGN,
      {
        roundId: 'rnd-2026',
        platformIds: [PLATFORM],
        assessorId: 'assessor-wang',
        assessorEnterpriseId: operatorOfPlatform,
      },
      admin,
    );
    expect(own.extensions?.code).toBe('FORBIDDEN');
    expect((await entryOf(PLATFORM)).assessorId).toBeNull();

    // Assigned without saying where they work, they are still refused when they score.
    await data(ASSIGN, { roundId: 'rnd-2026', platformIds: [PLATFORM], assessorId: 'assessor-wang' }, admin);
    const scores = [{ indicatorCode: 'ORG_MANAGEMENT', score: 99, comment: '本单位自评' }];
    const scoring = await refused(SCORE, { roundId: 'rnd-2026', platformId: PLATFORM, scores }, operatorsAssessor);
    expect(scoring.extensions?.code).toBe('FORBIDDEN');
    // Nor may anyone not assigned to it.
    const other = await refused(SCORE, { roundId: 'rnd-2026', platformId: PLATFORM, scores }, assessor);
    expect(other.extensions?.code).toBe('FORBIDDEN');
    expect(await storedScores()).toBe(0);
  });

  it('refuses to publish with scores missing, listing them, and stores nothing', async () => {
    const open = (await round(admin)) as RoundAnswer;
    const reviewed = await data<{ reviewAssessmentRound: { version: number; status: string } }>(
      MOVE('reviewAssessmentRound'),
      { id: open.id, version: open.version },
      admin,
    );
    expect(reviewed.reviewAssessmentRound.status).toBe('IN_REVIEW');
    const error = await refused(
      MOVE('publishAssessmentRound'),
      { id: open.id, version: reviewed.reviewAssessmentRound.version },
      admin,
    );
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = error.extensions?.problems?.map((problem) => problem.field) ?? [];
    expect(missing).toHaveLength(platformIds.length * 2);
    expect(missing).toContain(`${PLATFORM}.ORG_MANAGEMENT`);
    expect(missing).toContain(`${PLATFORM}.OP_UPKEEP`);
    const published = await data<{ assessments: { totalCount: number } }>(
      '{ assessments(filter: { year: 2026 }) { totalCount } }',
    );
    expect(published.assessments.totalCount).toBe(0);
    expect((await round(admin))?.status).toBe('IN_REVIEW');
    await data(MOVE('reopenAssessmentRound'), { id: open.id, version: reviewed.reviewAssessmentRound.version }, admin);
  });

  it('is scored by its assessor, published, and seen by anyone with ranks, grades and subsidies', async () => {
    await data(
      ASSIGN,
      { roundId: 'rnd-2026', platformIds, assessorId: 'assessor-li', assessorEnterpriseId: SME },
      admin,
    );
    const bad = await refused(
      SCORE,
      {
        roundId: 'rnd-2026',
        platformId: PLATFORM,
        scores: [{ indicatorCode: 'OP_EFFECTIVE_HOURS', score: 90, comment: '机时' }],
      },
      assessor,
    );
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    const outOfRange = await refused(
      SCORE,
      {
        roundId: 'rnd-2026',
        platformId: PLATFORM,
        scores: [{ indicatorCode: 'OP_UPKEEP', score: 120, comment: '好' }],
      },
      assessor,
    );
    expect(outOfRange.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await storedScores()).toBe(0);

    for (const [index, platformId] of platformIds.entries()) {
      const scored = await data<{ scorePlatform: { missing: string[] } }>(
        SCORE,
        {
          roundId: 'rnd-2026',
          platformId,
          scores: [
            {
              indicatorCode: 'ORG_MANAGEMENT',
              score: 60 + ((index * 7) % 40),
              comment: '协调机制健全，线上服务完善。',
            },
            { indicatorCode: 'OP_UPKEEP', score: 55 + ((index * 11) % 45), comment: '设备维护到位，支撑项目若干。' },
          ],
        },
        assessor,
      );
      expect(scored.scorePlatform.missing).toEqual([]);
    }
    const open = (await round(admin)) as RoundAnswer;
    const reviewed = await data<{ reviewAssessmentRound: { version: number } }>(
      MOVE('reviewAssessmentRound'),
      { id: open.id, version: open.version },
      admin,
    );
    const published = await data<{ publishAssessmentRound: { status: string } }>(
      MOVE('publishAssessmentRound'),
      { id: open.id, version: reviewed.reviewAssessmentRound.version },
      admin,
    );
    expect(published.publishAssessmentRound.status).toBe('PUBLISHED');

    // Anyone: the ranking, grades, subsidies, the notice list and the regions.
    const results = await data<{
      assessments: {
        totalCount: number;
        edges: {
          node: {
            rank: number;
            total: number;
            grade: string;
            subsidyFen: number;
            change: number | null;
            scores: unknown;
          };
        }[];
      };
      assessmentRound: {
        status: string;
        subsidyTotalFen: number;
        gradeCounts: { grade: string; count: number }[];
        regionResults: { rank: number; score: number; platforms: number; region: { code: string } }[];
      };
      notice: { totalCount: number };
    }>(`{
      assessments(first: 50, filter: { year: 2026 }, orderBy: { field: RANK }) {
        totalCount edges { node { rank total grade subsidyFen change scores { score } } } }
      assessmentRound(year: 2026) { status subsidyTotalFen gradeCounts { grade count }
        regionResults { rank score platforms region { code } } }
      notice: assessments(filter: { year: 2026, grade: POOR }) { totalCount }
    }`);
    const ranked = results.assessments.edges.map(({ node }) => node);
    expect(results.assessments.totalCount).toBe(platformIds.length);
    expect(ranked.map((node) => node.rank)).toEqual(platformIds.map((_, i) => i + 1));
    for (const [i, node] of ranked.entries()) {
      if (i > 0) expect(node.total).toBeLessThanOrEqual(ranked[i - 1]?.total ?? 100);
      expect(node.scores).toBeNull(); // per-indicator detail stays with assessors and operators
    }
    const round2026 = results.assessmentRound;
    expect(round2026.status).toBe('PUBLISHED');
    const subsidies = ranked.reduce((sum, node) => sum + node.subsidyFen, 0);
    expect(subsidies).toBe(round2026.subsidyTotalFen);
    expect(subsidies).toBeLessThanOrEqual(300_000_000);
    expect(
      ranked.filter((node) => node.grade === 'PASS' || node.grade === 'POOR').every((n) => n.subsidyFen === 0),
    ).toBe(true);
    const counts = Object.fromEntries(round2026.gradeCounts.map((row) => [row.grade, row.count]));
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(platformIds.length);
    expect(results.notice.totalCount).toBe(counts.POOR);
    expect(round2026.regionResults.map((region) => region.rank)).toEqual(round2026.regionResults.map((_, i) => i + 1));
    expect(round2026.regionResults.reduce((sum, region) => sum + region.platforms, 0)).toBe(platformIds.length);
  });

  it('keeps the published score when the sources change, while the live score follows them', async () => {
    const published = async () =>
      (
        await data<{
          platform: {
            assessments: {
              year: number;
              total: number;
              scores: { indicator: { code: string }; value: number | null }[];
            }[];
          };
        }>(
          `query ($id: ID!) { platform(id: $id) { assessments { year total scores { indicator { code } value } } } }`,
          { id: PLATFORM },
          admin,
        )
      ).platform.assessments.find((assessment) => assessment.year === YEAR);
    const live = async () =>
      (
        await data<{ platform: { liveAssessment: { total: number } } }>(
          `query ($id: ID!) { platform(id: $id) { liveAssessment(year: ${YEAR}) { total } } }`,
          { id: PLATFORM },
        )
      ).platform.liveAssessment.total;
    const before = await published();
    const liveBefore = await live();
    const hoursBefore = before?.scores.find((score) => score.indicator.code === 'OP_EFFECTIVE_HOURS')?.value;

    const instrument = await bookableInstrument(workers, {
      assetNumber: 'T-ASM-2',
      platformId: PLATFORM,
      regionCode: ELSEWHERE,
    });
    await completedBooking(workers, instrument, { day: `${YEAR}-11-25`, hours: 4, rating: 5 });
    await completedBooking(workers, instrument, { day: `${YEAR}-11-26`, hours: 4, rating: 5, bookedFrom: 14 });

    expect(await live()).not.toBe(liveBefore);
    const after = await published();
    expect(after?.total).toBe(before?.total);
    expect(after?.scores.find((score) => score.indicator.code === 'OP_EFFECTIVE_HOURS')?.value).toBe(hoursBefore);

    // The scheme of a published year is frozen.
    const frozen = (await scheme(YEAR)) as SchemeAnswer;
    expect(frozen.frozen).toBe(true);
    const edit = await refused(SAVE, { year: YEAR, version: frozen.version, input: asInput(frozen) }, admin);
    expect(edit.extensions?.code).toBe('CONFLICT');
  });
});

describe('concurrent administrators', () => {
  it('open one round a year, however many ask at once', async () => {
    const seeded = (await scheme(YEAR)) as SchemeAnswer;
    await data(SAVE, { year: 2093, input: asInput(seeded) }, admin);
    const answers = await Promise.all(
      [1, 2, 3].map(() => gatewayQuery('mutation { openAssessmentRound(year: 2093) { id } }', {}, { bearer: admin })),
    );
    const opened = answers.filter((answer) => !answer.errors);
    expect(opened).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.errors)) {
      expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    const db = await database('assessments');
    expect(await db.table('round_entry').where({ round_id: 'rnd-2093' }).count({ n: '*' }).first()).toEqual({
      n: expect.anything(),
    });
    expect(Number((await db.table('round_entry').where({ round_id: 'rnd-2093' }).count({ n: '*' }).first())?.n)).toBe(
      platformIds.length,
    );
  });
});

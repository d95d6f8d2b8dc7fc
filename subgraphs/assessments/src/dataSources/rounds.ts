import {
  alignByKey,
  badUserInput,
  type Claims,
  type Connection,
  type Database,
  type GraphClient,
  notFound,
  parsePage,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { RoundEntryFilter } from '../__generated__/resolvers-types.ts';
import { canSeeDrafts, mustAdminister } from '../access.ts';
import {
  type PlatformSnapshot,
  type RegionResult,
  type RegionSnapshot,
  type Round,
  type RoundEntry,
  RoundModel,
} from '../models/round.ts';
import type { Scheme } from '../models/scheme.ts';
import {
  type AssessmentFigures,
  type EnteredScore,
  type Evaluation,
  evaluate,
  figuresOfYear,
  type LiveEvaluation,
} from '../models/scoring.ts';
import type { AssessmentSource } from './assessments.ts';

/** The figures the assessment reads of every platform, through the gateway; 50 platforms a page. */
export const ROUND_FIGURES_QUERY = `query AssessmentRoundFigures($year: Int!, $after: String) {
  platforms(first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name industriesServed region { code } operator { id }
      assessmentFigures(year: $year) {
        year instruments openInstruments effectiveHours externalHours services unitsServed meanRating
        credentialsInForce threadsOpened threadsAnsweredWithinDays ordersSettled
      }
    } }
  }
}`;

/** Every region's instruments, for the regions' construction figures. */
export const REGION_FIGURES_QUERY = '{ regions { code sharingYears { year instruments openInstruments } } }';

interface FiguresPage {
  platforms: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        name: string;
        industriesServed: string[];
        region: { code: string } | null;
        operator: { id: string } | null;
        assessmentFigures: AssessmentFigures;
      };
    }[];
  };
}

interface RegionFigures {
  regions:
    | { code: string; sharingYears: { year: number; instruments: number; openInstruments: number }[] | null }[]
    | null;
}

/** A platform as the gateway gives it to `Platform.liveAssessment` through `@requires`. */
export interface PlatformRepresentation {
  id: string;
  sharingYears?: Partial<AssessmentFigures & { year: number }>[] | null;
  activity?: Partial<AssessmentFigures & { year: number }>[] | null;
}

/** Per request: rounds, their entries and results as the caller may see them, and the round mutations. */
export class RoundSource {
  private readonly model: RoundModel;
  private readonly byId: DataLoader<string, Round | null>;
  private readonly byYear: DataLoader<number, Round | null>;
  private readonly enteredScores: DataLoader<string, Map<string, EnteredScore>>;

  constructor(
    db: Database,
    private readonly viewer: Claims,
    private readonly assessments: AssessmentSource,
    private readonly graph: GraphClient,
  ) {
    const model = new RoundModel(db);
    this.model = model;
    const visible = (round: Round | null) =>
      round && (round.status === 'PUBLISHED' || canSeeDrafts(viewer)) ? round : null;
    this.byId = new DataLoader(async (ids) =>
      alignByKey(ids, await model.findByIds(ids), (round) => round.id).map(visible),
    );
    this.byYear = new DataLoader(async (years) =>
      alignByKey(years, await model.findByYears(years), (round) => round.year).map(visible),
    );
    this.enteredScores = new DataLoader(async (entryIds) => {
      const scores = await model.enteredScores(entryIds);
      return entryIds.map((id) => scores.get(id) ?? new Map());
    });
  }

  round(id: string): Promise<Round | null> {
    return this.byId.load(id);
  }

  ofYear(year: number): Promise<Round | null> {
    return this.byYear.load(year);
  }

  async list(): Promise<Round[]> {
    const rounds = await this.model.findAll();
    return rounds.filter((round) => round.status === 'PUBLISHED' || canSeeDrafts(this.viewer));
  }

  async entries(
    round: Round,
    args: { first?: number | null; after?: string | null; filter?: RoundEntryFilter | null },
  ): Promise<Connection<RoundEntry>> {
    const page = parsePage<RoundEntry>(args, 'entries');
    const scheme = await this.schemeOf(round.year);
    return this.model.entryPage(round.id, page, {
      ...(args.filter?.assignedToMe ? { assessorId: this.viewer.userId } : {}),
      ...(args.filter?.incomplete
        ? { missingAnyOf: scheme.indicators.filter((i) => i.source === 'ENTERED').map((i) => i.code) }
        : {}),
    });
  }

  /** An entry's result so far: its figures as taken, and the scores entered. */
  async evaluationOf(entry: RoundEntry): Promise<Evaluation> {
    const [scheme, entered] = await Promise.all([this.schemeOf(entry.figures.year), this.enteredScores.load(entry.id)]);
    return evaluate(scheme, entry.figures, entered);
  }

  /** Published rounds only: what is not published stays with assessors and administrators. */
  regionResults(round: Round): Promise<RegionResult[]> | null {
    return round.status === 'PUBLISHED' ? this.model.regionResults(round.id) : null;
  }

  gradeCounts(round: Round) {
    return round.status === 'PUBLISHED' ? this.model.gradeCounts(round.id) : null;
  }

  subsidyTotal(round: Round) {
    return round.status === 'PUBLISHED' ? this.model.subsidyTotal(round.id) : null;
  }

  /**
   * A provisional assessment from the figures the gateway fetched; null where the year has no
   * scheme, or a source of the figures did not answer (zeros would pass for a real score).
   */
  async live(platform: PlatformRepresentation, year: number): Promise<LiveEvaluation | null> {
    const scheme = await this.assessments.schemeOf.load(checkedYear(year));
    const figures = figuresOf(platform, year);
    if (!scheme || !figures) return null;
    return { year, ...evaluate(scheme, figures, new Map()) };
  }

  async open(year: number): Promise<Round> {
    mustAdminister(this.viewer, 'open assessment rounds');
    await this.schemeOf(checkedYear(year));
    const { platforms, regions } = await this.takeFigures(year);
    return this.model.open(year, platforms, regions, this.viewer);
  }

  async refresh(id: string, version: number): Promise<Round> {
    mustAdminister(this.viewer, 'take figures for assessment rounds');
    const round = await this.existing(id);
    const { platforms, regions } = await this.takeFigures(round.year);
    return this.model.refresh(id, version, platforms, regions, this.viewer);
  }

  async assign(roundId: string, platformIds: string[], assessorId: string, assessorEnterpriseId: string | null) {
    mustAdminister(this.viewer, 'assign assessors');
    if (!assessorId.trim()) throw badUserInput('assessorId', 'must not be empty');
    return this.model.assign(roundId, platformIds, assessorId.trim(), assessorEnterpriseId, this.viewer);
  }

  async score(
    roundId: string,
    platformId: string,
    scores: { indicatorCode: string; score: number; comment: string }[],
  ) {
    const round = await this.existing(roundId);
    return this.model.score(roundId, platformId, scores, await this.schemeOf(round.year), this.viewer);
  }

  async move(id: string, version: number, to: 'IN_REVIEW' | 'OPEN'): Promise<Round> {
    mustAdminister(this.viewer, 'review assessment rounds');
    return this.model.move(id, version, to === 'IN_REVIEW' ? 'OPEN' : 'IN_REVIEW', to, this.viewer);
  }

  async publish(id: string, version: number): Promise<Round> {
    mustAdminister(this.viewer, 'publish assessment rounds');
    const round = await this.existing(id);
    return this.model.publish(id, version, await this.schemeOf(round.year), this.viewer);
  }

  private async existing(id: string): Promise<Round> {
    const [round] = await this.model.findByIds([id]);
    if (!round || (round.status !== 'PUBLISHED' && !canSeeDrafts(this.viewer))) throw notFound('AssessmentRound', id);
    return round;
  }

  private async schemeOf(year: number): Promise<Scheme> {
    const scheme = await this.assessments.schemeOf.load(year);
    if (!scheme) throw badUserInput('year', `${year} has no assessment scheme: save one first`);
    return scheme;
  }

  /** Every platform's figures for the year, and every region's instruments, as the graph has them now. */
  private async takeFigures(year: number): Promise<{ platforms: PlatformSnapshot[]; regions: RegionSnapshot[] }> {
    const platforms: PlatformSnapshot[] = [];
    let after: string | null = null;
    do {
      const page: FiguresPage = await this.graph.query<FiguresPage>(ROUND_FIGURES_QUERY, { year, after });
      for (const { node } of page.platforms.edges) {
        platforms.push({
          platformId: node.id,
          platformName: node.name,
          regionCode: node.region?.code ?? null,
          operatorId: node.operator?.id ?? null,
          industries: node.industriesServed,
          figures: node.assessmentFigures,
        });
      }
      after = page.platforms.pageInfo.hasNextPage ? page.platforms.pageInfo.endCursor : null;
    } while (after);
    const { regions: found } = await this.graph.query<RegionFigures>(REGION_FIGURES_QUERY);
    const regions = (found ?? []).map((region) => {
      const figures = region.sharingYears?.find((entry) => entry.year === year);
      return {
        regionCode: region.code,
        instruments: figures?.instruments ?? 0,
        openInstruments: figures?.openInstruments ?? 0,
      };
    });
    return { platforms, regions };
  }
}

/** The year's figures from a representation; null when a source's list did not come (it was down). */
export function figuresOf(platform: PlatformRepresentation, year: number): AssessmentFigures | null {
  if (!platform.sharingYears || !platform.activity) return null;
  return figuresOfYear(checkedYear(year), platform.sharingYears, platform.activity);
}

function checkedYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput('year', 'must be 2000–2100');
  return year;
}

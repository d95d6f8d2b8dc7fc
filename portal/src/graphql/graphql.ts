/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AttachmentInput = {
  /** 1 to 200 characters */
  name: string;
  /** http or https, at most 1,000 characters */
  url: string;
};

export type BookingRequestInput = {
  /** ISO 8601 with its zone; the window lies inside one interval of the bookable hours */
  end: string;
  instrumentId: string | number;
  /** What the work is, at most 500 characters */
  purpose?: string | null | undefined;
  /** For instruments priced per sample: how many (1 to 10,000) */
  samples?: number | null | undefined;
  /** ISO 8601 with its zone */
  start: string;
};

/**
 * Where a booking is. REQUESTED → APPROVED → IN_USE → COMPLETED, or REJECTED (by the owner),
 * CANCELLED (by the requester), NO_SHOW (the owner, once the start has passed). REQUESTED, APPROVED,
 * IN_USE and COMPLETED bookings hold their time: no other booking or closure can overlap them.
 */
export type BookingStatus =
  | 'APPROVED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_USE'
  | 'NO_SHOW'
  | 'REJECTED'
  | 'REQUESTED';

export type BuyerKind =
  | 'ENTERPRISE'
  /** 政府采购: the buyer is the unit owning the procurement */
  | 'GOVERNMENT_PROCUREMENT'
  /** 重大项目: the buyer is the unit owning the project */
  | 'MAJOR_PROJECT';

export type CandidateStatus =
  | 'CONTRACT'
  /** 意向: the two sides intend to deal */
  | 'INTENTION'
  /** No deal, with a reason */
  | 'NO_DEAL'
  | 'SHORTLISTED';

export type ChargeUnit =
  | 'HOUR'
  | 'SAMPLE';

export type CredentialKind =
  /** Calibration (计量校准) authorisation */
  | 'CAL'
  /** China Inspection Body and Laboratory Mandatory Approval (检验检测机构资质认定) */
  | 'CMA'
  /** China National Accreditation Service for Conformity Assessment (实验室认可) */
  | 'CNAS'
  | 'OTHER';

export type CredentialStatus =
  /** Valid until a day that has passed: shown, but it does not count */
  | 'EXPIRED'
  /** Valid today (in Guizhou's calendar) */
  | 'IN_FORCE'
  /** Valid from a day still to come */
  | 'NOT_YET_VALID';

/** A range of calendar dates, YYYY-MM-DD; either end may be left out; both ends are included. */
export type DateRange = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type DemandInput = {
  /** Not under budgetMinFen */
  budgetMaxFen: number;
  budgetMinFen: number;
  /** Administrators only: the buyer, when posting for another unit; otherwise the caller's own enterprise */
  buyerId?: string | number | null | undefined;
  buyerKind?: BuyerKind;
  /** A class (four characters; see productClasses) */
  classCode: string | number;
  /** YYYY-MM-DD, today or later */
  deadline: string;
  deliveryRegionCode: string | number;
  /** Left out: the class's industry */
  industry?: Industry | null | undefined;
  procurementType: ProcurementType;
  /** Required for GOVERNMENT_PROCUREMENT and MAJOR_PROJECT; 1 to 200 characters */
  projectName?: string | null | undefined;
  /** False keeps it a DRAFT, seen only by the buyer's users and administrators */
  publish?: boolean;
  /** 1 or more */
  quantity: number;
  /** 1 to 2,000 characters */
  specification: string;
};

/**
 * A demand is DRAFT (seen by the buyer's users and administrators only), PUBLISHED (seen by all,
 * and matched) or CLOSED.
 */
export type DemandStatus =
  | 'CLOSED'
  | 'DRAFT'
  | 'PUBLISHED';

/** The kind of unit, as the enterprise registry classifies it (identical in every subgraph). */
export type EnterpriseType =
  | 'MANUFACTURER'
  | 'PLATFORM_OPERATOR'
  | 'RESEARCH_INSTITUTE'
  | 'TESTING_INSTITUTION'
  | 'UNIVERSITY';

/** A range of amounts in fen; either end may be left out; both ends are included. */
export type FenRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

/** A range of numbers; either end may be left out; both ends are included. */
export type FloatRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

/**
 * A stretch of time to find instruments free in: `from` and `to` are ISO 8601 times with their zone,
 * at most 31 days apart; `minutes` is how long the work takes (at least 1).
 */
export type FreeWindowInput = {
  from: string;
  minutes: number;
  to: string;
};

/** The provincial scale: ≥90 excellent, ≥85 good, ≥60 pass, below 60 poor. */
export type Grade =
  | 'EXCELLENT'
  | 'GOOD'
  | 'PASS'
  | 'POOR';

/**
 * A first-class heavy-metal pollutant (第一类污染物, GB 21900-2008) whose yearly emission a zone's
 * total-emission quota caps, in kg/year.
 */
export type HeavyMetal =
  /** 砷 As */
  | 'ARSENIC'
  /** 镉 Cd */
  | 'CADMIUM'
  /** 六价铬 Cr(VI) */
  | 'HEXAVALENT_CHROMIUM'
  /** 铅 Pb */
  | 'LEAD'
  /** 汞 Hg */
  | 'MERCURY'
  /** 镍 Ni */
  | 'NICKEL'
  /** 总铬 total Cr */
  | 'TOTAL_CHROMIUM';

/** The six key industries of the action plan (owned jointly; identical in every subgraph). */
export type Industry =
  /** 航天 */
  | 'AEROSPACE'
  /** 汽车 */
  | 'AUTOMOTIVE'
  /** 航空 */
  | 'AVIATION'
  /** 工程及矿山机械 */
  | 'ENGINEERING_MINING_MACHINERY'
  /** 工业机器人 */
  | 'INDUSTRIAL_ROBOTS'
  /** 电力装备 */
  | 'POWER_EQUIPMENT';

/**
 * Narrows a list of instruments; every condition given must hold. An unknown region code, an empty
 * list or an impossible range is BAD_USER_INPUT.
 */
export type InstrumentFilter = {
  /** A six-digit class code, or its first two (major class) or four (middle class) digits */
  classCode?: string | null | undefined;
  /** Only instruments the caller can book for an unbroken stretch of at least `minutes` between `from` and `to` */
  freeBetween?: FreeWindowInput | null | undefined;
  /** Whether the owner publishes a fee standard */
  hasFee?: boolean | null | undefined;
  /** With regionCode or regionCodeIn: a prefecture also stands for the areas it administers (Guiyang, 520100, for Gui'an New Area) */
  includeAdministered?: boolean | null | undefined;
  industry?: Industry | null | undefined;
  /** In any of these industries */
  industryIn?: Array<Industry> | null | undefined;
  /** Chinese or English name, or model, contains this text */
  nameContains?: string | null | undefined;
  /** Original value in units of ¥10,000 (¥500,000 is 50) */
  originalValue?: FloatRange | null | undefined;
  ownerId?: string | number | null | undefined;
  /** Owned by units of any of these types */
  ownerTypeIn?: Array<EnterpriseType> | null | undefined;
  platformId?: string | number | null | undefined;
  regionCode?: string | number | null | undefined;
  /** In any of these regions */
  regionCodeIn?: Array<string | number> | null | undefined;
  /** In any of these review states (only records the caller may see in those states are listed) */
  reviewStatusIn?: Array<InstrumentReviewStatus> | null | undefined;
  sharingMode?: SharingMode | null | undefined;
  sharingModeIn?: Array<SharingMode> | null | undefined;
  /** Entered service between these dates */
  startOfUse?: DateRange | null | undefined;
  status?: InstrumentStatus | null | undefined;
  statusIn?: Array<InstrumentStatus> | null | undefined;
  /** Only records changed after this moment (ISO 8601, as updatedAt gives it); the list is then ordered by UPDATED_AT */
  updatedSince?: string | null | undefined;
};

/**
 * Where a record is in review. Owners' users (and the operators of the platform hosting it) write a
 * DRAFT and submit it; an administrator publishes it or rejects it with a reason; editing a
 * REJECTED record makes it a DRAFT again, and editing the record fields of a PUBLISHED one sends it
 * back to SUBMITTED. The public and other units see PUBLISHED records only.
 */
export type InstrumentReviewStatus =
  | 'DRAFT'
  | 'PUBLISHED'
  | 'REJECTED'
  /** Withdrawn by its owner or an administrator; kept for the record, listed nowhere public */
  | 'RETIRED'
  | 'SUBMITTED';

export type InstrumentStatus =
  | 'AWAITING_REPAIR'
  | 'AWAITING_SCRAPPING'
  | 'FREQUENT_FAULTS'
  | 'NORMAL'
  | 'OCCASIONAL_FAULT'
  | 'REMOTE_SERVICE'
  | 'STANDBY';

export type MatchFactorName =
  /** Annual capacity against the quantity needed */
  | 'CAPACITY'
  /** The maker or product holds certifications (and has supplied government procurement or a major project, for such a buyer) */
  | 'CERTIFICATIONS'
  /** The product's class is the demand's (1), or in its group (0.5) */
  | 'CLASS'
  /** The product serves the demand's industry */
  | 'INDUSTRY'
  /** The maker is in the delivery prefecture (1), elsewhere in Guizhou (0.6), or outside (0) */
  | 'LOCATION'
  /** Contracts the maker has won through the survey before (three or more count fully) */
  | 'PAST_DEALS'
  /** The price range against the budget per unit */
  | 'PRICE'
  /** Trigram similarity of the product's name and specification to the demand's specification */
  | 'SPECIFICATION';

export type MessageInput = {
  /** At most 10 */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** 1 to 4,000 characters */
  body: string;
};

export type MetalAmountInput = {
  /** kg/year, 0 or more, at most 3 decimals */
  kgPerYear: number;
  metal: HeavyMetal;
};

export type OpenThreadInput = {
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The first message: 1 to 4,000 characters */
  body: string;
  /** Administrators only: the enterprise asking; otherwise the caller's own */
  enterpriseId?: string | number | null | undefined;
  /** An instrument the inquiry is about */
  instrumentId?: string | number | null | undefined;
  platformId: string | number;
  /** A service of the platform the inquiry is about */
  serviceId?: string | number | null | undefined;
  /** 1 to 200 characters */
  subject: string;
};

/**
 * An order follows the work: PLACED → IN_PROGRESS → DELIVERED → ACCEPTED → SETTLED (settled by
 * payment), or CANCELLED, or DISPUTED with a reason until an administrator resolves it.
 */
export type OrderStatus =
  | 'ACCEPTED'
  | 'CANCELLED'
  | 'DELIVERED'
  | 'DISPUTED'
  | 'IN_PROGRESS'
  | 'PLACED'
  | 'SETTLED';

export type OutcomeInput = {
  /** CONTRACT: the amount agreed */
  contractAmountFen?: number | null | undefined;
  /** CONTRACT: YYYY-MM-DD */
  contractDate?: string | null | undefined;
  /** NO_DEAL: why, 1 to 500 characters */
  reason?: string | null | undefined;
  /** INTENTION, CONTRACT or NO_DEAL */
  status: CandidateStatus;
};

export type PaymentStatus =
  /** The provider refused it: the voucher's share came back, the order can be paid again */
  | 'FAILED'
  /** The voucher's share is spent; the rest waits for the provider's confirmation */
  | 'PENDING'
  | 'SUCCEEDED';

export type PhaseOutStatus =
  /** Done: its amounts went back to the zone */
  | 'COMPLETED'
  | 'SCHEDULED';

/** What a plant asks of a zone: water and wastewater, t/day; emissions, kg/year. */
export type PlantDemandInput = {
  emissions?: Array<MetalAmountInput> | null | undefined;
  wastewaterTonsPerDay: number;
  waterTonsPerDay: number;
};

export type PlantStatus =
  /** Closed: it holds nothing any more */
  | 'CLOSED'
  | 'OPERATING';

export type PlatformKind =
  | 'INDUSTRIAL_DESIGN'
  | 'INDUSTRIAL_INTERNET'
  | 'INSTRUMENT_SHARING'
  | 'RESEARCH_DEVELOPMENT'
  | 'TECHNOLOGY_TRANSFER'
  | 'TESTING_CERTIFICATION'
  | 'TRAINING';

/**
 * What a search narrows by, besides the text: the list filter, and what an SME asks of a testing
 * body — a credential in force and a service price range.
 */
export type PlatformSearchFilter = {
  /** Holds a credential in force today, of any kind */
  accredited?: boolean | null | undefined;
  /** Holds a credential of this kind in force today */
  accreditedBy?: CredentialKind | null | undefined;
  /** With regionCode or regionCodeIn: a prefecture also stands for the areas it administers */
  includeAdministered?: boolean | null | undefined;
  industry?: Industry | null | undefined;
  industryIn?: Array<Industry> | null | undefined;
  kind?: PlatformKind | null | undefined;
  kindIn?: Array<PlatformKind> | null | undefined;
  regionCode?: string | number | null | undefined;
  regionCodeIn?: Array<string | number> | null | undefined;
  /** Offers a service whose price range meets this range (a unit) */
  servicePriceFen?: FenRange | null | undefined;
};

/** A plating process a plant's lines run. */
export type PlatingProcess =
  /** 阳极氧化 */
  | 'ANODISING'
  /** 镀镉 (aerospace fasteners) */
  | 'CADMIUM'
  /** 磷化、钝化 */
  | 'CONVERSION_COATING'
  /** 镀铜 */
  | 'COPPER'
  /** 装饰铬 */
  | 'DECORATIVE_CHROME'
  /** 化学镀镍 */
  | 'ELECTROLESS_NICKEL'
  /** 硬铬 */
  | 'HARD_CHROME'
  /** 镀镍 */
  | 'NICKEL'
  /** 镀金、镀银 */
  | 'PRECIOUS_METAL'
  /** 镀锡 */
  | 'TIN'
  /** 镀锌 (zinc, incl. zinc-nickel) */
  | 'ZINC';

/** Which of an instrument's prices a user pays. */
export type PriceGroup =
  /** Enterprises registered in Guizhou (credit code 9152…) */
  | 'IN_PROVINCE_SME'
  /** Everyone else */
  | 'OTHER'
  /** The instrument owner's own unit */
  | 'OWN_UNIT';

export type ProcurementType =
  | 'COMPETITIVE_NEGOTIATION'
  | 'DIRECT_PURCHASE'
  | 'INVITED_TENDER'
  | 'PUBLIC_TENDER'
  | 'SINGLE_SOURCE';

export type QuoteInput = {
  /** The whole price, 1 fen or more */
  amountFen: number;
  /** An instrument booking the quote prices */
  bookingId?: string | number | null | undefined;
  /** 1 to 2,000 characters: what is done, for what */
  description: string;
  /** A service of the platform (the thread's, if left out) */
  serviceId?: string | number | null | undefined;
  /** YYYY-MM-DD, today or later */
  validUntil: string;
};

export type QuoteStatus =
  | 'ACCEPTED'
  | 'OFFERED'
  /** Taken back by the platform, or its service withdrawn */
  | 'WITHDRAWN';

export type RedemptionFilter = {
  /** The claiming platform */
  platformId?: string | number | null | undefined;
  status?: RedemptionStatus | null | undefined;
};

export type RedemptionStatus =
  | 'APPROVED'
  | 'CLAIMED'
  | 'REJECTED';

/** What the owner records when the work is done. */
export type ServiceRecordInput = {
  /** ISO 8601 with its zone; after actualStart, at most 7 days later */
  actualEnd: string;
  /** ISO 8601 with its zone */
  actualStart: string;
  /** Machine hours used; left out, the time from actualStart to actualEnd. More than 0, not more than that time */
  hours?: number | null | undefined;
  /** The user's rating, 1 to 5 */
  rating?: number | null | undefined;
  /** At most 500 characters */
  ratingComment?: string | null | undefined;
  /** For instruments priced per sample: how many were tested */
  samples?: number | null | undefined;
  /** The user's unit (and project) as it wants it recorded, at most 200 characters */
  userUnit?: string | null | undefined;
  way: ServiceWay;
};

/** What a service's price is counted in. */
export type ServiceUnit =
  | 'BATCH'
  | 'DAY'
  | 'HOUR'
  | 'ITEM'
  | 'PROJECT'
  | 'SAMPLE';

export type ServiceWay =
  /** The user works at the instrument, or beside its technician */
  | 'ON_SITE'
  | 'REMOTE'
  /** The user sends samples; the owner's staff test them */
  | 'SAMPLE_SENT';

/** Whom the owner shares the instrument with. */
export type SharingMode =
  /** Open to outside users */
  | 'EXTERNAL'
  /** Shared only inside the owning unit */
  | 'INTERNAL'
  /** Not shared; visible only to its owner and administrators */
  | 'NOT_SHARED';

/** Which side of a thread: the asking enterprise or the platform. */
export type ThreadSide =
  | 'ENTERPRISE'
  | 'PLATFORM';

export type ThreadStatus =
  | 'CLOSED'
  | 'OPEN'
  /** Turned into a quote (the settlement work adds quotes) */
  | 'QUOTED';

export type VoucherFilter = {
  status?: VoucherStatus | null | undefined;
  /** The scheme's year */
  year?: number | null | undefined;
};

export type VoucherSchemeInput = {
  /** 1 to 100 */
  coveredSharePercent: number;
  perOrderCapFen: number;
  qualifyingKinds: Array<PlatformKind>;
  /** 0 to perOrderCapFen */
  smallOrderFen?: number | null | undefined;
  year: number;
  /** Not under perOrderCapFen */
  yearlyCapFen: number;
};

export type VoucherStatus =
  | 'APPLIED'
  | 'GRANTED'
  | 'REJECTED';

/**
 * Narrows a list of zones; every condition given must hold. An unknown region code, an empty list
 * or an impossible range is BAD_USER_INPUT.
 */
export type ZoneFilter = {
  areaHectares?: FloatRange | null | undefined;
  /** With regionCode or regionCodeIn: a prefecture also stands for the areas it administers (Guiyang, 520100, for Gui'an New Area) */
  includeAdministered?: boolean | null | undefined;
  /** Chinese or English name contains this text */
  nameContains?: string | null | undefined;
  regionCode?: string | number | null | undefined;
  regionCodeIn?: Array<string | number> | null | undefined;
  /** Has at least this much of the metal's quota left, kg/year */
  remaining?: MetalAmountInput | null | undefined;
  status?: ZoneStatus | null | undefined;
  statusIn?: Array<ZoneStatus> | null | undefined;
  /** Only records changed after this moment (ISO 8601, as updatedAt gives it); the list is then ordered by UPDATED_AT */
  updatedSince?: string | null | undefined;
};

/**
 * Everything that bounds a zone: its water-resource capacity and its wastewater discharge capacity
 * (t/day), and the yearly quota of each first-class heavy metal (kg/year).
 */
export type ZoneLimitKind =
  | 'ARSENIC'
  | 'CADMIUM'
  | 'HEXAVALENT_CHROMIUM'
  | 'LEAD'
  | 'MERCURY'
  | 'NICKEL'
  | 'TOTAL_CHROMIUM'
  /** Treated wastewater discharged, t/day */
  | 'WASTEWATER'
  /** Fresh water drawn, t/day */
  | 'WATER';

/**
 * Where a zone stands in the province's electroplating plan (电镀集聚区): priority zones are built
 * first and are the only ones that take new plants or larger allocations; the others are studied
 * or closed to new capacity.
 */
export type ZoneStatus =
  /** 优先培育区: planned, approved, open to new plants */
  | 'PRIORITY'
  /** 限制区: inside an ecological red line or over its environmental capacity; no new plants, backward capacity leaves */
  | 'RESTRICTED'
  /** 积极谋划推动区: its layout is still being studied; no new plants yet */
  | 'UNDER_STUDY';

export type AssessmentOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type AssessmentOverviewQuery = { byYearAndGrade: Array<{ year: number | null, grade: Grade | null, count: number }> | null, byYearAndRegion: Array<{ year: number | null, meanTotal: number, region: { code: string, name: string, nameEn: string } | null }> | null };

export type AssessmentRankingQueryVariables = Exact<{
  year: number;
}>;


export type AssessmentRankingQuery = { assessments: { totalCount: number, edges: Array<{ node: { id: string, rank: number | null, total: number, grade: Grade, platform: { id: string, name: string } | null, region: { name: string, nameEn: string } | null } }> } | null };

export type BookingCardFragment = { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null };

export type MyBookingsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyBookingsQuery = { myBookings: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } }> } | null };

export type BookingQueueQueryVariables = Exact<{
  statusIn?: Array<BookingStatus> | BookingStatus | null | undefined;
}>;


export type BookingQueueQuery = { bookingQueue: { totalCount: number, edges: Array<{ node: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } }> } | null };

export type ApproveBookingMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type ApproveBookingMutation = { approveBooking: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } | null };

export type RejectBookingMutationVariables = Exact<{
  id: string | number;
  version: number;
  reason: string;
}>;


export type RejectBookingMutation = { rejectBooking: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } | null };

export type StartBookingMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type StartBookingMutation = { startBooking: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } | null };

export type CompleteBookingMutationVariables = Exact<{
  id: string | number;
  version: number;
  record: ServiceRecordInput;
}>;


export type CompleteBookingMutation = { completeBooking: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } | null };

export type CancelBookingMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type CancelBookingMutation = { cancelBooking: { id: string, version: number, status: BookingStatus, start: string, end: string, minutes: number, samples: number | null, purpose: string | null, estimatedChargeFen: number, decisionReason: string | null, instrument: { id: string, name: string } | null, requester: { name: string } | null, serviceRecord: { hours: number, chargeFen: number, rating: number | null, ratingComment: string | null } | null } | null };

export type CoverageQueryVariables = Exact<{
  year?: number | null | undefined;
}>;


export type CoverageQuery = { coverage: Array<{ regionCode: string, industry: Industry, year: number, platformCount: number, platformsPlanned: number | null, platformsMissing: number | null, serviceCount: number, instrumentCount: number, region: { name: string, nameEn: string } | null }> | null };

export type DemandsQueryVariables = Exact<{ [key: string]: never; }>;


export type DemandsQuery = { demands: { totalCount: number, edges: Array<{ node: { id: string, specification: string, quantity: number, budgetMaxFen: number, deadline: string, productClass: { name: string }, buyer: { name: string }, deliveryRegion: { name: string } } }> } | null };

export type DemandFormQueryVariables = Exact<{
  groupCode?: string | number | null | undefined;
}>;


export type DemandFormQuery = { groups: Array<{ code: string, name: string, nameEn: string }> | null, classes: Array<{ code: string, name: string, nameEn: string }> | null, regions: Array<{ code: string, name: string, nameEn: string }> | null };

export type PostDemandMutationVariables = Exact<{
  input: DemandInput;
}>;


export type PostDemandMutation = { postDemand: { id: string } | null };

export type DemandPageQueryVariables = Exact<{
  id: string | number;
}>;


export type DemandPageQuery = { demand: { id: string, version: number, specification: string, quantity: number, budgetMinFen: number, budgetMaxFen: number, deadline: string, status: DemandStatus, industry: Industry, productClass: { name: string }, buyer: { name: string }, deliveryRegion: { name: string }, matches: Array<{ score: number, inProvince: boolean, product: { id: string, name: string, priceMinFen: number, priceMaxFen: number, maker: { name: string } }, factors: Array<{ factor: MatchFactorName, weight: number, points: number, explanation: string }> }> | null, candidates: Array<{ id: string, version: number, status: CandidateStatus, contractAmountFen: number | null, contractDate: string | null, reason: string | null, product: { id: string, name: string, maker: { name: string } } }> | null } | null };

export type ShortlistProductMutationVariables = Exact<{
  demandId: string | number;
  productId: string | number;
}>;


export type ShortlistProductMutation = { shortlistProduct: { id: string } | null };

export type RecordOutcomeMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: OutcomeInput;
}>;


export type RecordOutcomeMutation = { recordOutcome: { id: string } | null };

export type CloseDemandMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type CloseDemandMutation = { closeDemand: { id: string } | null };

export type InstrumentPageQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
}>;


export type InstrumentPageQuery = { instrument: { id: string, name: string, nameEn: string | null, model: string, manufacturer: string, country: string, mainFunctions: string, technicalIndicators: string, serviceContent: string | null, sharingRules: string | null, feeText: string | null, address: string | null, instrumentClass: { name: string }, region: { name: string, nameEn: string } | null, owner: { name: string } | null, platform: { name: string } | null, bookingRules: { minMinutes: number, maxMinutes: number, minNoticeHours: number, maxAdvanceDays: number, requiresApproval: boolean, bookableHours: Array<{ weekday: number, opens: string, closes: string }>, prices: Array<{ group: PriceGroup, unit: ChargeUnit, rateFen: number, minimumChargeFen: number }> } | null, availability: Array<{ start: string, end: string, minutes: number }> | null } | null };

export type RequestBookingMutationVariables = Exact<{
  input: BookingRequestInput;
}>;


export type RequestBookingMutation = { requestBooking: { id: string, status: BookingStatus, start: string, end: string, estimatedChargeFen: number } | null };

export type PaymentCardFragment = { id: string, status: PaymentStatus, voucherFen: number, cashFen: number, createdAt: string, succeededAt: string | null, redemption: { id: string, version: number, status: RedemptionStatus, amountFen: number, decisionReason: string | null } | null };

export type OrdersQueryVariables = Exact<{
  mine: boolean;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrdersQuery = { orders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: number, status: OrderStatus, amountFen: number, disputeReason: string | null, resolution: string | null, platform: { name: string }, enterprise: { name: string } | null, quote: { description: string }, payments: Array<{ id: string, status: PaymentStatus, voucherFen: number, cashFen: number, createdAt: string, succeededAt: string | null, redemption: { id: string, version: number, status: RedemptionStatus, amountFen: number, decisionReason: string | null } | null }> } }> } | null, vouchers?: { edges: Array<{ node: { id: string, schemeYear: number, balanceFen: number } }> } | null };

export type OrderPaymentsQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderPaymentsQuery = { order: { id: string, status: OrderStatus, payments: Array<{ id: string, status: PaymentStatus }> } | null };

export type MoveOrderMutationVariables = Exact<{
  id: string | number;
  version: number;
  to: OrderStatus;
  reason?: string | null | undefined;
}>;


export type MoveOrderMutation = { moveOrder: { id: string } | null };

export type PayOrderMutationVariables = Exact<{
  id: string | number;
  key: string;
  voucherId?: string | number | null | undefined;
}>;


export type PayOrderMutation = { payOrder: { id: string, status: PaymentStatus } | null };

export type ClaimRedemptionMutationVariables = Exact<{
  paymentId: string | number;
}>;


export type ClaimRedemptionMutation = { claimRedemption: { id: string, status: RedemptionStatus } | null };

export type SearchPlatformsQueryVariables = Exact<{
  text?: string | null | undefined;
  filter?: PlatformSearchFilter | null | undefined;
}>;


export type SearchPlatformsQuery = { searchPlatforms: { totalCount: number, edges: Array<{ node: { id: string, name: string, nameEn: string | null, kind: PlatformKind, industriesServed: Array<Industry>, accredited: boolean, region: { name: string, nameEn: string } | null, capabilities: Array<{ name: string }> } }>, facets: { kind: Array<{ kind: PlatformKind, count: number }>, credential: Array<{ kind: CredentialKind, count: number }> } } | null };

export type PlatformPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PlatformPageQuery = { platform: { id: string, name: string, nameEn: string | null, kind: PlatformKind, description: string | null, website: string | null, establishedYear: number | null, industriesServed: Array<Industry>, region: { name: string, nameEn: string } | null, operator: { name: string } | null, capabilities: Array<{ name: string, description: string | null }>, services: Array<{ id: string, name: string, description: string | null, unit: ServiceUnit, unitNote: string | null, priceMinFen: number, priceMaxFen: number, leadTimeDays: number }>, credentials: Array<{ id: string, kind: CredentialKind, number: string, scope: string, validUntil: string, status: CredentialStatus }> } | null };

export type OpenThreadMutationVariables = Exact<{
  input: OpenThreadInput;
}>;


export type OpenThreadMutation = { openThread: { id: string } | null };

export type SearchInstrumentsQueryVariables = Exact<{
  text?: string | null | undefined;
  filter?: InstrumentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchInstrumentsQuery = { searchInstruments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, model: string, originalValue: number, sharingMode: SharingMode, region: { code: string, name: string, nameEn: string } | null, owner: { name: string } | null, platform: { name: string } | null, instrumentClass: { name: string } } }>, facets: { industry: Array<{ industry: Industry, count: number }>, region: Array<{ count: number, region: { code: string, name: string, nameEn: string } | null }>, sharingMode: Array<{ sharingMode: SharingMode, count: number }> } } | null };

export type ThreadsQueryVariables = Exact<{ [key: string]: never; }>;


export type ThreadsQuery = { threads: { totalCount: number, edges: Array<{ node: { id: string, subject: string, status: ThreadStatus, unreadCount: number, lastMessageAt: string | null, platform: { name: string }, enterprise: { name: string } | null } }> } | null };

export type ThreadPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ThreadPageQuery = { thread: { id: string, version: number, subject: string, status: ThreadStatus, mySide: ThreadSide | null, unreadCount: number, quote: { id: string, version: number, description: string, amountFen: number, validUntil: string, status: QuoteStatus } | null, platform: { id: string, name: string }, enterprise: { name: string } | null, service: { name: string } | null, messages: { edges: Array<{ node: { id: string, side: ThreadSide, body: string, createdAt: string } }> } | null } | null };

export type PostMessageMutationVariables = Exact<{
  threadId: string | number;
  input: MessageInput;
}>;


export type PostMessageMutation = { postMessage: { id: string } | null };

export type QuoteThreadMutationVariables = Exact<{
  threadId: string | number;
  version: number;
  input: QuoteInput;
}>;


export type QuoteThreadMutation = { quoteThread: { id: string } | null };

export type AcceptQuoteMutationVariables = Exact<{
  quoteId: string | number;
  version: number;
}>;


export type AcceptQuoteMutation = { acceptQuote: { id: string } | null };

export type MarkThreadReadMutationVariables = Exact<{
  threadId: string | number;
}>;


export type MarkThreadReadMutation = { markThreadRead: { id: string, unreadCount: number } | null };

export type VoucherCardFragment = { id: string, version: number, schemeYear: number, status: VoucherStatus, requestedFen: number, grantedFen: number | null, balanceFen: number, decisionReason: string | null, enterprise: { name: string } | null };

export type VouchersQueryVariables = Exact<{
  filter?: VoucherFilter | null | undefined;
}>;


export type VouchersQuery = { vouchers: { totalCount: number, edges: Array<{ node: { id: string, version: number, schemeYear: number, status: VoucherStatus, requestedFen: number, grantedFen: number | null, balanceFen: number, decisionReason: string | null, enterprise: { name: string } | null } }> } | null, voucherSchemes: Array<{ year: number, coveredSharePercent: number, perOrderCapFen: number, yearlyCapFen: number, smallOrderFen: number, qualifyingKinds: Array<PlatformKind>, open: boolean, vouchersGranted: number }> | null };

export type ApplyForVoucherMutationVariables = Exact<{
  year: number;
  requestedFen: number;
}>;


export type ApplyForVoucherMutation = { applyForVoucher: { id: string } | null };

export type DecideVoucherMutationVariables = Exact<{
  id: string | number;
  version: number;
  key: string;
  grantedFen?: number | null | undefined;
  reason?: string | null | undefined;
}>;


export type DecideVoucherMutation = { decideVoucher: { id: string } | null };

export type OpenVoucherSchemeMutationVariables = Exact<{
  input: VoucherSchemeInput;
}>;


export type OpenVoucherSchemeMutation = { openVoucherScheme: { year: number } | null };

export type RedemptionClaimsQueryVariables = Exact<{
  filter?: RedemptionFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RedemptionClaimsQuery = { redemptions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, version: number, status: RedemptionStatus, claimedAt: string, payment: { id: string, status: PaymentStatus, voucherFen: number, cashFen: number, createdAt: string, succeededAt: string | null, order: { id: string, amountFen: number, platform: { name: string }, enterprise: { name: string } | null, quote: { description: string } }, redemption: { id: string, version: number, status: RedemptionStatus, amountFen: number, decisionReason: string | null } | null } } }> } | null };

export type DecideRedemptionMutationVariables = Exact<{
  id: string | number;
  version: number;
  approve: boolean;
  key: string;
  reason?: string | null | undefined;
}>;


export type DecideRedemptionMutation = { decideRedemption: { id: string, status: RedemptionStatus } | null };

export type ZoneLimitFieldsFragment = { kind: ZoneLimitKind, metal: HeavyMetal | null, capacity: number, allocated: number, remaining: number };

export type ZoneFitFragment = { fits: boolean, zone: { id: string, name: string, nameEn: string | null, status: ZoneStatus }, binding: { kind: ZoneLimitKind, headroom: number, headroomShare: number | null } | null, headroom: Array<{ kind: ZoneLimitKind, metal: HeavyMetal | null, remaining: number, requested: number, headroom: number, fits: boolean }> };

export type ZonesQueryVariables = Exact<{
  filter?: ZoneFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ZonesQuery = { zones: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, nameEn: string | null, status: ZoneStatus, admitsNewPlants: boolean, areaHectares: number, region: { name: string, nameEn: string } | null, water: { kind: ZoneLimitKind, metal: HeavyMetal | null, capacity: number, allocated: number, remaining: number }, wastewater: { kind: ZoneLimitKind, metal: HeavyMetal | null, capacity: number, allocated: number, remaining: number }, quotas: Array<{ kind: ZoneLimitKind, metal: HeavyMetal | null, capacity: number, allocated: number, remaining: number }> } }> } | null };

export type ZonePageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ZonePageQuery = { zone: { id: string, name: string, nameEn: string | null, status: ZoneStatus, admitsNewPlants: boolean, areaHectares: number, controlUnit: string | null, note: string | null, region: { name: string, nameEn: string } | null, limits: Array<{ kind: ZoneLimitKind, metal: HeavyMetal | null, capacity: number, allocated: number, remaining: number }>, plants: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, status: PlantStatus, enterprise: { name: string } | null, processLines: Array<{ process: PlatingProcess, lines: number }>, allocation: { waterTonsPerDay: number, wastewaterTonsPerDay: number, emissions: Array<{ metal: HeavyMetal, kgPerYear: number }> }, phaseOuts: Array<{ id: string, description: string, deadline: string, status: PhaseOutStatus, overdue: boolean }> } }> } } | null };

export type PlantFitQueryVariables = Exact<{
  zoneId: string | number;
  demand: PlantDemandInput;
}>;


export type PlantFitQuery = { plantFit: { fits: boolean, zone: { id: string, name: string, nameEn: string | null, status: ZoneStatus }, binding: { kind: ZoneLimitKind, headroom: number, headroomShare: number | null } | null, headroom: Array<{ kind: ZoneLimitKind, metal: HeavyMetal | null, remaining: number, requested: number, headroom: number, fits: boolean }> } | null };

export type ZonesFittingQueryVariables = Exact<{
  demand: PlantDemandInput;
}>;


export type ZonesFittingQuery = { zonesFitting: Array<{ fits: boolean, zone: { id: string, name: string, nameEn: string | null, status: ZoneStatus }, binding: { kind: ZoneLimitKind, headroom: number, headroomShare: number | null } | null, headroom: Array<{ kind: ZoneLimitKind, metal: HeavyMetal | null, remaining: number, requested: number, headroom: number, fits: boolean }> }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const BookingCardFragmentDoc = new TypedDocumentString(`
    fragment BookingCard on Booking {
  id
  version
  status
  start
  end
  minutes
  samples
  purpose
  estimatedChargeFen
  decisionReason
  instrument {
    id
    name
  }
  requester {
    name
  }
  serviceRecord {
    hours
    chargeFen
    rating
    ratingComment
  }
}
    `, {"fragmentName":"BookingCard"}) as unknown as TypedDocumentString<BookingCardFragment, unknown>;
export const PaymentCardFragmentDoc = new TypedDocumentString(`
    fragment PaymentCard on Payment {
  id
  status
  voucherFen
  cashFen
  createdAt
  succeededAt
  redemption {
    id
    version
    status
    amountFen
    decisionReason
  }
}
    `, {"fragmentName":"PaymentCard"}) as unknown as TypedDocumentString<PaymentCardFragment, unknown>;
export const VoucherCardFragmentDoc = new TypedDocumentString(`
    fragment VoucherCard on Voucher {
  id
  version
  schemeYear
  status
  requestedFen
  grantedFen
  balanceFen
  decisionReason
  enterprise {
    name
  }
}
    `, {"fragmentName":"VoucherCard"}) as unknown as TypedDocumentString<VoucherCardFragment, unknown>;
export const ZoneLimitFieldsFragmentDoc = new TypedDocumentString(`
    fragment ZoneLimitFields on ZoneLimit {
  kind
  metal
  capacity
  allocated
  remaining
}
    `, {"fragmentName":"ZoneLimitFields"}) as unknown as TypedDocumentString<ZoneLimitFieldsFragment, unknown>;
export const ZoneFitFragmentDoc = new TypedDocumentString(`
    fragment ZoneFit on PlantFit {
  fits
  zone {
    id
    name
    nameEn
    status
  }
  binding {
    kind
    headroom
    headroomShare
  }
  headroom {
    kind
    metal
    remaining
    requested
    headroom
    fits
  }
}
    `, {"fragmentName":"ZoneFit"}) as unknown as TypedDocumentString<ZoneFitFragment, unknown>;
export const AssessmentOverviewDocument = {"__meta__":{"hash":"b82d026dbca1491eb627f4bc0638c00bd1f18789bdefbd5fcf8bf859a657b789"}} as unknown as TypedDocumentString<AssessmentOverviewQuery, AssessmentOverviewQueryVariables>;
export const AssessmentRankingDocument = {"__meta__":{"hash":"aa8ca7512949a858ccad2e638299034cf73b2490dc3e9b32ecb7596ceea1e9ae"}} as unknown as TypedDocumentString<AssessmentRankingQuery, AssessmentRankingQueryVariables>;
export const MyBookingsDocument = {"__meta__":{"hash":"67e95a45d8ecde2baa0bc0a8b83fffa8f5cb176a89f6e0970b40766cd0eabc1e"}} as unknown as TypedDocumentString<MyBookingsQuery, MyBookingsQueryVariables>;
export const BookingQueueDocument = {"__meta__":{"hash":"fe5c291eca04f296567168299ea87dcee4e728a14db791b3f2a59f60eec50bf5"}} as unknown as TypedDocumentString<BookingQueueQuery, BookingQueueQueryVariables>;
export const ApproveBookingDocument = {"__meta__":{"hash":"6125131ac5d44f307c2f40406b3cfcb1281203b2185cf5e2cf575990f4a2c8ed"}} as unknown as TypedDocumentString<ApproveBookingMutation, ApproveBookingMutationVariables>;
export const RejectBookingDocument = {"__meta__":{"hash":"5aae7a52ef9ab70606a7a03f2833114d0d289ddd148e577bcaf29f1043785b9c"}} as unknown as TypedDocumentString<RejectBookingMutation, RejectBookingMutationVariables>;
export const StartBookingDocument = {"__meta__":{"hash":"965131c864e39e61d3099200e114d54bf05e0b5cfc0716caf7dfaa38e5add649"}} as unknown as TypedDocumentString<StartBookingMutation, StartBookingMutationVariables>;
export const CompleteBookingDocument = {"__meta__":{"hash":"5efbd9a2a8a9e17faa5280f214352df2ecad152e4f6dfb7ae9caab9c64c58fbc"}} as unknown as TypedDocumentString<CompleteBookingMutation, CompleteBookingMutationVariables>;
export const CancelBookingDocument = {"__meta__":{"hash":"9c665db348aa026d1d87a8d8eae1be418169b4c18d1385e089496293851f8c12"}} as unknown as TypedDocumentString<CancelBookingMutation, CancelBookingMutationVariables>;
export const CoverageDocument = {"__meta__":{"hash":"6a4d7e378267f98457e0ff85cf1becf75e98d5029712cf7e3096a3d8ec0c9bdf"}} as unknown as TypedDocumentString<CoverageQuery, CoverageQueryVariables>;
export const DemandsDocument = {"__meta__":{"hash":"8957362812b867784b01f48ba681e5fc9c45920320d59104723ae1681b0ab6fd"}} as unknown as TypedDocumentString<DemandsQuery, DemandsQueryVariables>;
export const DemandFormDocument = {"__meta__":{"hash":"8eaad5c015ddd9e0cb33f24ed2374335cff2b91b7d3c2c25292a33f8731544e0"}} as unknown as TypedDocumentString<DemandFormQuery, DemandFormQueryVariables>;
export const PostDemandDocument = {"__meta__":{"hash":"6777b9e433a1750ac0813277f681e907d5cee8c615b70b015d888d079a5c31f6"}} as unknown as TypedDocumentString<PostDemandMutation, PostDemandMutationVariables>;
export const DemandPageDocument = {"__meta__":{"hash":"396e73a211d1951e679ec726cb5061478219eb1a9aaa71f0ea4942e4ccbfe464"}} as unknown as TypedDocumentString<DemandPageQuery, DemandPageQueryVariables>;
export const ShortlistProductDocument = {"__meta__":{"hash":"1b4e6d2563d26aca81c719ee688ff36be68bc22195cae08f05818f8826bcf549"}} as unknown as TypedDocumentString<ShortlistProductMutation, ShortlistProductMutationVariables>;
export const RecordOutcomeDocument = {"__meta__":{"hash":"f13ba251efe97c1ea1fbb57557e8641eab0a334f2739b4a21b217ecfda0baac2"}} as unknown as TypedDocumentString<RecordOutcomeMutation, RecordOutcomeMutationVariables>;
export const CloseDemandDocument = {"__meta__":{"hash":"79d087e5300eb5920782161acaa5379ebecee4ab899432c3c55880eaa6192c69"}} as unknown as TypedDocumentString<CloseDemandMutation, CloseDemandMutationVariables>;
export const InstrumentPageDocument = {"__meta__":{"hash":"43dab31b86877b780fc4bbd304777761c2c93eb4a07b3a3a3c6c1b0b7f0b1d31"}} as unknown as TypedDocumentString<InstrumentPageQuery, InstrumentPageQueryVariables>;
export const RequestBookingDocument = {"__meta__":{"hash":"26ce819e4f72a1490840b20c281ffac2dac74dbaf0d6a207339b7e619f42c11f"}} as unknown as TypedDocumentString<RequestBookingMutation, RequestBookingMutationVariables>;
export const OrdersDocument = {"__meta__":{"hash":"a4e4af1c50a1ff2b54eeec0850f25abdd51111adae1859436fee5d9f7805e649"}} as unknown as TypedDocumentString<OrdersQuery, OrdersQueryVariables>;
export const OrderPaymentsDocument = {"__meta__":{"hash":"23082d3cbc874f751c21044e4bb26d4e7101697b6501681655982c9ad92501c8"}} as unknown as TypedDocumentString<OrderPaymentsQuery, OrderPaymentsQueryVariables>;
export const MoveOrderDocument = {"__meta__":{"hash":"f68200cd0538fe1121067fb6c15b80cd0bc23e61ddc536be30bf175f29c6cf95"}} as unknown as TypedDocumentString<MoveOrderMutation, MoveOrderMutationVariables>;
export const PayOrderDocument = {"__meta__":{"hash":"f70e1ebd0a5b24cb41f7ee0ba6f80057716b375767c10e3947f4e1a3cd1ebdfc"}} as unknown as TypedDocumentString<PayOrderMutation, PayOrderMutationVariables>;
export const ClaimRedemptionDocument = {"__meta__":{"hash":"3107e40c733e1b0b8c1efe875942ec6aea22ed0c3092a2f8614b0031e805b437"}} as unknown as TypedDocumentString<ClaimRedemptionMutation, ClaimRedemptionMutationVariables>;
export const SearchPlatformsDocument = {"__meta__":{"hash":"a5ddf178d8ad886eb66e76da1de16788a15ff92910e551659773efe71aef4450"}} as unknown as TypedDocumentString<SearchPlatformsQuery, SearchPlatformsQueryVariables>;
export const PlatformPageDocument = {"__meta__":{"hash":"ebe151d0e71a289d382d80c5f917776dc07fdbd0f452fb7d095c2fac3e16493e"}} as unknown as TypedDocumentString<PlatformPageQuery, PlatformPageQueryVariables>;
export const OpenThreadDocument = {"__meta__":{"hash":"7117bf586d09051ba29ec473675a4e9c4f5df5eb242b07bf4674cfcbdd93bfd0"}} as unknown as TypedDocumentString<OpenThreadMutation, OpenThreadMutationVariables>;
export const SearchInstrumentsDocument = {"__meta__":{"hash":"a6c991768648ad9c84a30d4299e79255ef5e450d41c4106337fdd2f7f5d23bdd"}} as unknown as TypedDocumentString<SearchInstrumentsQuery, SearchInstrumentsQueryVariables>;
export const ThreadsDocument = {"__meta__":{"hash":"312a46a8934a965baec90460a26f43b4c76a60a911849c5f5f2d5567f9b76d29"}} as unknown as TypedDocumentString<ThreadsQuery, ThreadsQueryVariables>;
export const ThreadPageDocument = {"__meta__":{"hash":"de06185909fdc265a7fba6a3646a84918da011f1528c46b08ad1a7e8de371fa2"}} as unknown as TypedDocumentString<ThreadPageQuery, ThreadPageQueryVariables>;
export const PostMessageDocument = {"__meta__":{"hash":"c08423b69c7ccf744edae330092c8f23d00a45b546e48b697b9b4bf7d7a9db46"}} as unknown as TypedDocumentString<PostMessageMutation, PostMessageMutationVariables>;
export const QuoteThreadDocument = {"__meta__":{"hash":"512fdec9334af973822b32f30055eafead8b41ce33c89744d546b6ca0b1e45fc"}} as unknown as TypedDocumentString<QuoteThreadMutation, QuoteThreadMutationVariables>;
export const AcceptQuoteDocument = {"__meta__":{"hash":"b67d0950daabf4f6359a205d2050b37238d84546bc58b9035c519b6d837c66e2"}} as unknown as TypedDocumentString<AcceptQuoteMutation, AcceptQuoteMutationVariables>;
export const MarkThreadReadDocument = {"__meta__":{"hash":"ddefde05d58023e8b830061dc6b0ecc514b6365490fbe5def583e0f920b2cd2c"}} as unknown as TypedDocumentString<MarkThreadReadMutation, MarkThreadReadMutationVariables>;
export const VouchersDocument = {"__meta__":{"hash":"9f67124123cdcb5859cd8415f918013987190cca0b64d2c5db455d074f8d55eb"}} as unknown as TypedDocumentString<VouchersQuery, VouchersQueryVariables>;
export const ApplyForVoucherDocument = {"__meta__":{"hash":"ec9d9d68440d2410e14a27ad1c50cdf1215c487ce2a15a81f62dfa419fa0798c"}} as unknown as TypedDocumentString<ApplyForVoucherMutation, ApplyForVoucherMutationVariables>;
export const DecideVoucherDocument = {"__meta__":{"hash":"e718b85ad3c119648b740f42e040bd1295ea20339d595c856845e373bffe87e8"}} as unknown as TypedDocumentString<DecideVoucherMutation, DecideVoucherMutationVariables>;
export const OpenVoucherSchemeDocument = {"__meta__":{"hash":"31e3d31f085b5956e468101ffa920d43856a34dfede7fa11f13b4b1523437e7c"}} as unknown as TypedDocumentString<OpenVoucherSchemeMutation, OpenVoucherSchemeMutationVariables>;
export const RedemptionClaimsDocument = {"__meta__":{"hash":"d630354423f22c1f3572617c5c9f3ae4065a58cebe97968f163b33199216bfac"}} as unknown as TypedDocumentString<RedemptionClaimsQuery, RedemptionClaimsQueryVariables>;
export const DecideRedemptionDocument = {"__meta__":{"hash":"0b6173902db643472039f228c526e17aadd72c01b7a618401aa9915f19c6f61e"}} as unknown as TypedDocumentString<DecideRedemptionMutation, DecideRedemptionMutationVariables>;
export const ZonesDocument = {"__meta__":{"hash":"c1b28328040e218878be0acaafa22056b1570b8febc19ea86e6ac8b7f3bdf46b"}} as unknown as TypedDocumentString<ZonesQuery, ZonesQueryVariables>;
export const ZonePageDocument = {"__meta__":{"hash":"9f829b72ad90993aec9adece7f07b102bd29fc3b7c9578108f0e7957c5464a17"}} as unknown as TypedDocumentString<ZonePageQuery, ZonePageQueryVariables>;
export const PlantFitDocument = {"__meta__":{"hash":"b864ed8da5a180c250c6cb1bf3ac981fcdacc689a5fac0b2f4a75168241e4c14"}} as unknown as TypedDocumentString<PlantFitQuery, PlantFitQueryVariables>;
export const ZonesFittingDocument = {"__meta__":{"hash":"1c007bd692631a90f5150c606a309d5a8e46fcf734d48188cce6e0a3d389ad46"}} as unknown as TypedDocumentString<ZonesFittingQuery, ZonesFittingQueryVariables>;
import {
  alignByKey,
  badUserInput,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  childConnectionLoader,
  type Database,
  groupByKey,
  loadChangePages,
  numberRange,
  oneOrIn,
  type Page,
  parsePage,
  regionCriteria,
  searchText,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type {
  CredentialInput,
  PlatformInput,
  PlatformPatch,
  PlatformSearchFilter,
  PlatformSearchOrder,
  ServiceInput,
} from '../__generated__/resolvers-types.ts';
import { type Credential, CredentialModel, type ServiceFigures } from '../models/credential.ts';
import type { Platform } from '../models/platform.ts';
import { RegistryModel } from '../models/registry.ts';
import { type PlatformHit, PlatformSearch, type PlatformSearchConnection, SEARCH_ORDERS } from '../models/search.ts';
import { type Service, ServiceModel } from '../models/service.ts';

export interface SearchArgs {
  text?: string | null;
  filter?: PlatformSearchFilter | null;
  orderBy?: PlatformSearchOrder | null;
  first?: number | null;
  after?: string | null;
}

/** Per request and caller: what platforms offer and what vouches for them, batched; and their edits. */
export class OfferSource {
  private readonly services: ServiceModel;
  private readonly credentials: CredentialModel;
  private readonly registry: RegistryModel;
  readonly serviceById: DataLoader<string, Service | null>;
  readonly servicesOf: DataLoader<string, Service[]>;
  readonly credentialsOf: DataLoader<string, Credential[]>;
  readonly figuresOf: DataLoader<string, ServiceFigures[]>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const services = new ServiceModel(db);
    const credentials = new CredentialModel(db);
    this.services = services;
    this.credentials = credentials;
    this.registry = new RegistryModel(db);
    this.serviceById = new DataLoader(async (ids) => alignByKey(ids, await services.findByIds(ids), (s) => s.id));
    this.servicesOf = new DataLoader(async (ids) =>
      groupByKey(ids, await services.findByPlatformIds(ids), (s) => s.platformId),
    );
    this.credentialsOf = new DataLoader(async (ids) =>
      groupByKey(ids, await credentials.findByPlatformIds(ids), (c) => c.platformId),
    );
    this.figuresOf = new DataLoader(async (ids) =>
      groupByKey(ids, await credentials.figuresOf(ids), (f) => f.platformId),
    );
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Platform', keys));
  }

  /** `withFacets`: the request selects the facets (then the total comes with them). */
  search(args: SearchArgs, withFacets: boolean): Promise<PlatformSearchConnection> {
    const text = searchText(args.text, 'text');
    const f = args.filter ?? {};
    const criteria = {
      kinds: oneOrIn(f.kind, f.kindIn, 'filter.kind'),
      industries: oneOrIn(f.industry, f.industryIn, 'filter.industry'),
      regionCodes: regionCriteria(f, 'filter'),
      accreditedBy: f.accreditedBy ?? null,
      accredited: f.accredited ?? null,
      servicePriceFen: numberRange(f.servicePriceFen, 'filter.servicePriceFen'),
    };
    // Without text there is no relevance: by name. RELEVANCE and NEWEST only run downwards.
    let field = args.orderBy?.field ?? 'RELEVANCE';
    if (field === 'RELEVANCE' && !text) field = 'NAME';
    const direction = field === 'NAME' ? (args.orderBy?.direction ?? 'ASC') : 'DESC';
    const page = parsePage<PlatformHit>(
      { first: args.first, after: args.after, orderBy: { field, direction } },
      '',
      SEARCH_ORDERS,
    );
    return new PlatformSearch(this.db).search(text, criteria, page, withFacets);
  }

  history(platformId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: platformId, page });
  }

  register(input: PlatformInput): Promise<Platform> {
    return this.registry.register(input, this.viewer);
  }

  update(id: string, version: number, patch: PlatformPatch): Promise<Platform> {
    return this.registry.update(id, version, patch, this.viewer);
  }

  async saveService(
    platformId: string,
    id: string | null | undefined,
    version: number | null | undefined,
    input: ServiceInput,
  ): Promise<Service> {
    const service = await this.services.save(platformId, id ?? null, version ?? null, input, this.viewer);
    this.serviceById.clear(service.id).prime(service.id, service);
    return service;
  }

  removeService(id: string, version: number): Promise<boolean> {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    return this.services.remove(id, version, this.viewer);
  }

  saveCredential(
    platformId: string,
    id: string | null | undefined,
    version: number | null | undefined,
    input: CredentialInput,
  ): Promise<Credential> {
    return this.credentials.save(platformId, id ?? null, version ?? null, input, this.viewer);
  }
}

/**
 * The platform registry as a writable source: administrators register platforms, a platform's
 * operators edit its record and capabilities. Every write is on the kit's write path.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  type Database,
  ErrorCode,
  INDUSTRIES,
  type InputProblem,
  insertVersioned,
  notFound,
  REGIONS,
  Role,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type { CapabilityInput, PlatformInput, PlatformPatch } from '../__generated__/resolvers-types.ts';
import { PLATFORM_LIMITS } from '../migrations/20261208000000_services_credentials_threads.ts';
import { mustOperate } from './access.ts';
import { type Platform, type PlatformRow, toPlatform } from './platform.ts';

const PLATFORM = { table: 'platform', typename: 'Platform' };

const CONSTRAINTS: ConstraintFields = {
  platform_name_key: { field: 'input.name', reason: 'another platform has this name' },
  platform_name_length: { field: 'input.name', reason: `must be 1 to ${PLATFORM_LIMITS.name} characters` },
  platform_established_year_range: { field: 'input.establishedYear', reason: 'must be 1949 to 2100' },
  platform_region_code_format: { field: 'input.regionCode', reason: 'is not a region of Guizhou' },
  capability_platform_name_key: { field: 'input.capabilities', reason: 'names a capability twice' },
  capability_tags_valid: {
    field: 'input.capabilities',
    reason: `a capability takes at most ${PLATFORM_LIMITS.tags} tags of 1 to ${PLATFORM_LIMITS.tag} characters`,
  },
};

/** The checked fields a registration or a patch sets (only those given), and every problem. */
function platformColumns(input: PlatformPatch | PlatformInput) {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const columns: Record<string, unknown> = {};
  if (input.name != null) {
    columns.name = input.name.trim();
    if (String(columns.name).length < 1 || String(columns.name).length > PLATFORM_LIMITS.name) {
      problem('name', `must be 1 to ${PLATFORM_LIMITS.name} characters`);
    }
  }
  if (input.nameEn !== undefined) columns.name_en = input.nameEn?.trim() || null;
  if (input.description !== undefined) {
    columns.description = input.description?.trim() || null;
    if (String(columns.description ?? '').length > PLATFORM_LIMITS.description) {
      problem('description', `must be at most ${PLATFORM_LIMITS.description} characters`);
    }
  }
  if (input.website !== undefined) {
    columns.website = input.website?.trim() || null;
    if (columns.website && !/^https?:\/\/\S+$/.test(String(columns.website))) {
      problem('website', 'must be an http or https address');
    }
  }
  if (input.industriesServed != null) {
    columns.industries = [...new Set(input.industriesServed)].filter((industry) => INDUSTRIES.includes(industry));
  }
  if (input.establishedYear !== undefined) {
    columns.established_year = input.establishedYear;
    if (input.establishedYear != null && (input.establishedYear < 1949 || input.establishedYear > 2100)) {
      problem('establishedYear', `must be 1949 to 2100, got ${input.establishedYear}`);
    }
  }
  const capabilities = input.capabilities?.map((capability, i) => capabilityColumns(capability, i, problem));
  return { columns, capabilities, problems };
}

function capabilityColumns(
  capability: CapabilityInput,
  i: number,
  problem: (field: string, reason: string) => void,
): { name: string; description: string | null; tags: string[] } {
  const name = capability.name.trim();
  if (name.length < 1 || name.length > PLATFORM_LIMITS.name) {
    problem(`capabilities[${i}].name`, `must be 1 to ${PLATFORM_LIMITS.name} characters`);
  }
  const tags = [...new Set((capability.tags ?? []).map((tag) => tag.trim()))];
  if (tags.length > PLATFORM_LIMITS.tags)
    problem(`capabilities[${i}].tags`, `may hold at most ${PLATFORM_LIMITS.tags}`);
  tags.forEach((tag, j) => {
    if (tag.length < 1 || tag.length > PLATFORM_LIMITS.tag) {
      problem(`capabilities[${i}].tags[${j}]`, `must be 1 to ${PLATFORM_LIMITS.tag} characters`);
    }
  });
  return { name, description: capability.description?.trim() || null, tags };
}

/** Replaces a platform's capabilities (they are part of its record). */
async function replaceCapabilities(
  tx: Database,
  platformId: string,
  capabilities: { name: string; description: string | null; tags: string[] }[],
): Promise<void> {
  await tx.table('capability').where({ platform_id: platformId }).delete();
  if (capabilities.length > 0) {
    await tx.table('capability').insert(capabilities.map((c) => ({ platform_id: platformId, ...c })));
  }
}

export class RegistryModel {
  constructor(private readonly db: Database) {}

  register(input: PlatformInput, viewer: Claims): Promise<Platform> {
    if (viewer.role !== Role.ADMIN) {
      throw appError(ErrorCode.FORBIDDEN, 'Only administrators of the department register platforms');
    }
    const { columns, capabilities, problems } = platformColumns(input);
    if (!REGIONS[input.regionCode]) {
      problems.push({
        field: 'input.regionCode',
        reason: `${JSON.stringify(input.regionCode)} is not a region of Guizhou`,
      });
    }
    return runWrite(
      this.db,
      async (tx) => {
        if (problems.length > 0) throw badUserInputs(problems);
        const row = {
          id: `plt-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
          kind: input.kind,
          region_code: input.regionCode,
          operator_id: input.operatorId,
          ...columns,
        };
        const stored = await insertVersioned<PlatformRow>(tx, PLATFORM, row, viewer);
        await replaceCapabilities(tx, stored.id, capabilities ?? []);
        return toPlatform(stored);
      },
      CONSTRAINTS,
    );
  }

  /** An edit by the platform's operators or an administrator, if `version` is still the stored one. */
  update(id: string, version: number, patch: PlatformPatch, viewer: Claims): Promise<Platform> {
    mustOperate(viewer, id, 'edit its record');
    const { columns, capabilities, problems } = platformColumns(patch);
    if (patch.name === null) problems.push({ field: 'input.name', reason: 'cannot be removed' });
    return runWrite(
      this.db,
      async (tx) => {
        const current = (await tx.table('platform').where({ id }).forUpdate().first()) as PlatformRow | undefined;
        if (!current) throw notFound('Platform', id);
        if (current.version !== version) throw staleVersion('Platform', id, current.version, version);
        if (problems.length > 0) throw badUserInputs(problems);
        // Capabilities are replaced whole; the record's updatedAt follows them (a trigger), its
        // version and history follow the columns.
        if (capabilities) await replaceCapabilities(tx, id, capabilities);
        return toPlatform(await updateVersioned<PlatformRow>(tx, PLATFORM, id, version, columns, viewer, current));
      },
      CONSTRAINTS,
    );
  }
}

import { readFileSync } from 'node:fs';
import { readSupergraph } from '@gzequip/gateway';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../scripts/compose.ts';

const committed = () => readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');

describe('the committed supergraph', () => {
  it('is what composing the subgraphs gives now', () => {
    expect(composeSupergraph()).toBe(committed());
  });

  it('would be caught as stale after any subgraph SDL change', () => {
    const changed = composeSupergraph({
      instruments: (sdl) => sdl.replace('  assetNumber: String!', '  assetNumber: String!\n  calibratedOn: String'),
    });
    expect(changed).not.toBe(committed());
    expect(changed).toContain('calibratedOn: String');
  });

  it('refuses to compose subgraphs that disagree', () => {
    expect(() =>
      composeSupergraph({ platforms: (sdl) => sdl.replace('  INDUSTRIAL_ROBOTS\n}', '  SHIPBUILDING\n}') }),
    ).toThrow(/Composition failed[\s\S]*Industry/);
  });
});

/**
 * The nullability rule of a federated graph: one source's outage must blank only its own part.
 * - Root fields are nullable: each belongs to one source, and the others' roots must survive it.
 * - A non-null field of a type is fine where the object comes from a source that resolves that
 *   field too. Wherever another source hands out the object (a reference), the field holding it
 *   must be nullable, so that a missing field nulls that reference and nothing above it.
 * Returns every field that breaks the rule, with the reason.
 */
function nullabilityViolations(sdl: string): string[] {
  const facts = readSupergraph(sdl);
  const types = facts.types();
  const violations: string[] = [];
  for (const root of ['Query', 'Mutation']) {
    for (const [name, field] of types.get(root) ?? []) {
      if (field.nonNull)
        violations.push(`${root}.${name} is non-null, but its source (${field.subgraphs}) may be down`);
    }
  }
  for (const [typeName, fields] of types) {
    if (typeName === 'Query' || typeName === 'Mutation') continue;
    for (const [fieldName, field] of fields) {
      if (!field.nonNull) continue;
      for (const [holderType, holderFields] of types) {
        for (const [holderName, holder] of holderFields) {
          if (holder.returnType !== typeName || !holder.nonNull) continue;
          const other = holder.subgraphs.find((subgraph) => !field.subgraphs.includes(subgraph));
          if (other && holderType !== 'Query' && holderType !== 'Mutation') {
            violations.push(
              `${holderType}.${holderName} (from ${other}) is non-null, but ${typeName}.${fieldName} comes from ${field.subgraphs}`,
            );
          }
        }
      }
    }
  }
  return violations;
}

describe('the nullability rule', () => {
  it('holds for the composed supergraph: no field lets one source blank another', () => {
    expect(nullabilityViolations(committed())).toEqual([]);
  });

  it('catches a reference made non-null across sources, and a non-null root', () => {
    const broken = composeSupergraph({
      instruments: (sdl) => sdl.replace('  region: Region\n', '  region: Region!\n'),
      platforms: (sdl) => sdl.replace(/(is at most 500\."\n {2}platforms\(.*\): PlatformConnection)\n/, '$1!\n'),
    });
    const violations = nullabilityViolations(broken);
    expect(violations).toContain(
      'Instrument.region (from instruments) is non-null, but Region.name comes from enterprises',
    );
    expect(violations).toContain('Query.platforms is non-null, but its source (platforms) may be down');
  });
});

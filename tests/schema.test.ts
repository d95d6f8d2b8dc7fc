import { readFileSync } from 'node:fs';
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

import { defineSubgraph } from '@gzequip/kit';
import { legacyLab } from './adapters/legacyLab/index.ts';
import { createContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

export const instruments = defineSubgraph({
  name: 'instruments',
  defaultPort: 4001,
  sdl: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  demoData: new URL('./seed/demo-data.json', import.meta.url),
  createContext,
  // Serving an existing database through views instead of owned tables (INSTRUMENTS_ADAPTER).
  adapters: { 'legacy-lab': legacyLab },
});

import { defineSubgraph } from '@gzequip/kit';
import { createContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

export const __name__ = defineSubgraph({
  name: '__name__',
  defaultPort: __port__,
  sdl: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  demoData: new URL('./seed/demo-data.json', import.meta.url),
  createContext,
});

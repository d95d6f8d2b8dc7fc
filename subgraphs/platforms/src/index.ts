import { defineSubgraph } from '@gzequip/kit';
import { createContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { paymentRoutes } from './payments/callbackRoute.ts';
import { resolvers } from './resolvers/index.ts';

export const platforms = defineSubgraph({
  name: 'platforms',
  defaultPort: 4003,
  sdl: new URL('../schema.graphql', import.meta.url),
  resolvers,
  migrations,
  demoData: new URL('./seed/demo-data.json', import.meta.url),
  createContext,
  routes: paymentRoutes,
});

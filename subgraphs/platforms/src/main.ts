/** Runs the platforms subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { platforms } from './index.ts';

await runSubgraph(platforms);

/** Runs the quality subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { quality } from './index.ts';

await runSubgraph(quality);

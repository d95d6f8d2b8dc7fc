/** Runs the planning subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { planning } from './index.ts';

await runSubgraph(planning);

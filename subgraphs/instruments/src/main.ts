/** Runs the instruments subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { instruments } from './index.ts';

await runSubgraph(instruments);

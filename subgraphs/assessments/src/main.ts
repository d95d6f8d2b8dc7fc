/** Runs the assessments subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { assessments } from './index.ts';

await runSubgraph(assessments);

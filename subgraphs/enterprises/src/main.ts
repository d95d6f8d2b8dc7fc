/** Runs the enterprises subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { enterprises } from './index.ts';

await runSubgraph(enterprises);

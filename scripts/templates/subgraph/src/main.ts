/** Runs the __name__ subgraph on its own (see the README: "Pointing a subgraph at its own PostgreSQL"). */
import { runSubgraph } from '@gzequip/kit';
import { __name__ } from './index.ts';

await runSubgraph(__name__);

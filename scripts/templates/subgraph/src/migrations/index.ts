import * as __name__ from './__migration__.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '__migration__': __name__,
};

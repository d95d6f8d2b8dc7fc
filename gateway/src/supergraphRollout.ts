/**
 * Supergraph rollout: the gateway serves the supergraph file as it is now, and picks up a new one
 * written there without a restart. Apollo Gateway swaps its schema between requests: those in
 * flight finish on the plan they started with, the next ones are planned on the new schema, and
 * none is refused. A file that is not a supergraph (a half-written copy, a bad composition) is
 * refused and the previous one served until a good one arrives.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@gzequip/kit/edge';
import type { LiveSupergraph } from './supergraph.ts';

export interface RolloutOptions {
  path: string;
  /** How often the file is looked at; 0 serves the first one read until the gateway restarts. */
  pollMs: number;
  /** The facts the edge's checks read, replaced with the schema. */
  live: LiveSupergraph;
  initialSdl: string;
  logger: Logger;
  onUpdate?: (hash: string) => void;
}

export const supergraphHash = (sdl: string) => createHash('sha256').update(sdl).digest('hex').slice(0, 12);

export function supergraphFromFile({
  path,
  pollMs,
  live,
  initialSdl,
  logger,
  onUpdate,
}: RolloutOptions): SupergraphSdlHook {
  return async ({ update }) => {
    let served = initialSdl;
    let refused: string | undefined;
    if (pollMs <= 0) return { supergraphSdl: served };
    // The file is read again only when its size or time changed: the gateway looks every few seconds.
    let seen = '';
    const look = () => {
      let next: string;
      try {
        const { size, mtimeMs } = statSync(path);
        if (`${size}:${mtimeMs}` === seen) return;
        next = readFileSync(path, 'utf8');
        seen = `${size}:${mtimeMs}`;
      } catch (error) {
        logger.warn({ err: error, path }, 'supergraph file unreadable; still serving the previous one');
        return;
      }
      if (next === served || next === refused) return;
      try {
        live.replace(next);
        update(next);
        served = next;
        refused = undefined;
        logger.info({ supergraph: supergraphHash(next) }, 'supergraph updated');
        onUpdate?.(supergraphHash(next));
      } catch (error) {
        live.replace(served);
        refused = next;
        logger.error(
          { err: error, supergraph: supergraphHash(next) },
          'new supergraph refused; still serving the previous one',
        );
      }
    };
    const timer = setInterval(look, pollMs);
    timer.unref();
    return { supergraphSdl: served, cleanup: async () => clearInterval(timer) };
  };
}

/**
 * Persisted queries. Automatic persisted queries (APQ) are Apollo Server's, on the gateway's
 * cache (Redis when configured); this middleware checks their hashes so that a mismatch is a
 * clear 400. In safelist mode — one or more manifests in Apollo's persisted-query manifest
 * format, as `@apollo/generate-persisted-query-manifest` writes them from client code — only the
 * operations those manifests list may run, sent by id or as their exact text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCode, sendGraphQLError } from '@gzequip/kit/edge';
import type express from 'express';

export interface PersistedOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

interface Manifest {
  format: string;
  version: number;
  operations: PersistedOperation[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads manifests; refuses to start on a file that is not one, or an id that is not its body's hash. */
export function loadManifests(paths: readonly string[]): Map<string, PersistedOperation> {
  const operations = new Map<string, PersistedOperation>();
  for (const path of paths) {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
      throw new Error(
        `${path} is not an Apollo persisted-query manifest (format apollo-persisted-query-manifest, version 1)`,
      );
    }
    for (const operation of manifest.operations) {
      if (operation.id !== sha256(operation.body)) {
        throw new Error(
          `${path}: operation ${operation.name} has id ${operation.id}, but its body hashes to ${sha256(operation.body)}`,
        );
      }
      operations.set(operation.id, operation);
    }
  }
  return operations;
}

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

export interface PersistedQueryOptions {
  /** Operations a safelisted deployment runs; undefined when any operation may run. */
  safelist?: Map<string, PersistedOperation>;
  onReject?: () => void;
}

export function usePersistedQueries({ safelist, onReject }: PersistedQueryOptions): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      if (safelist) {
        res.setHeader('allow', 'POST');
        sendGraphQLError(
          res,
          405,
          'This deployment runs persisted operations sent by POST only',
          ErrorCode.BAD_REQUEST,
        );
        return;
      }
      next();
      return;
    }
    const body = (req.body ?? {}) as GraphQLBody;
    const query = typeof body.query === 'string' ? body.query : undefined;
    const givenId = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
    const id = typeof givenId === 'string' ? givenId.replace(/^sha256:/, '') : undefined;

    if (query !== undefined && id !== undefined && sha256(query) !== id) {
      sendGraphQLError(
        res,
        400,
        `The persisted-query hash ${id} is not the SHA-256 of the query sent with it`,
        ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
      );
      return;
    }
    if (!safelist) {
      next();
      return;
    }
    const operation = safelist.get(id ?? (query !== undefined ? sha256(query) : ''));
    if (!operation) {
      onReject?.();
      sendGraphQLError(
        res,
        400,
        id
          ? `Operation ${id} is not in this deployment's persisted-query manifests`
          : 'This deployment runs only the operations in its persisted-query manifests, and this one is not among them',
        ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
      );
      return;
    }
    // Apollo Server sees an ordinary query: the listed text, not a hash it would look up itself.
    const { persistedQuery: _persistedQuery, ...extensions } = body.extensions ?? {};
    const { documentId: _documentId, ...rest } = body;
    req.body = { ...rest, query: operation.body, extensions };
    next();
  };
}

/**
 * A field hidden from anonymous callers (contact details) comes back as null, which alone reads
 * like "no data". When an anonymous caller asks for such fields, the answer says why, in
 * `extensions.notices`. The fields are the ones the subgraphs tag `@tag(name: "signed-in")`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type Claims, Role } from '@gzequip/kit/edge';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { type SupergraphFacts, selectedFields } from '../supergraph.ts';

const TAG = 'signed-in';

function signedInFields(schema: GraphQLSchema, document: DocumentNode, facts: SupergraphFacts): string[] {
  const found = selectedFields(schema, document, facts)
    .filter(({ facts: field }) => field?.tags.includes(TAG))
    .map(({ parentType, field }) => `${parentType}.${field}`);
  return [...new Set(found)].sort();
}

export function useSignInNotice<TContext extends { claims: Claims }>(
  facts: SupergraphFacts,
): ApolloServerPlugin<TContext> {
  const cache = new WeakMap<DocumentNode, string[]>();
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue, document, schema, response }) => {
        if (contextValue.claims.role !== Role.PUBLIC || !document || response.body.kind !== 'single') return;
        let fields = cache.get(document);
        if (!fields) {
          fields = signedInFields(schema, document, facts);
          cache.set(document, fields);
        }
        if (fields.length === 0) return;
        const result = response.body.singleResult;
        result.extensions = {
          ...result.extensions,
          notices: [
            `${fields.join(', ')} ${fields.length > 1 ? 'are' : 'is'} shown to signed-in callers only, and null here: send "Authorization: Bearer <token>"`,
          ],
        };
      },
    }),
  };
}

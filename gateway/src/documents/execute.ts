import type { ApolloServer } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../../common/viewer';
import type { GraphQLErrorShape, GraphQLReply } from '../portal/graphql-client';
import type { GatewayContext } from '../signing';
import type { ExecuteAs } from './paperwork-data';

/**
 * An operation run inside this gateway for a viewer a download link vouches
 * for: the same plan, limits and subgraph signatures as a request to /graphql,
 * without a bearer token (the link's owner is not there to send one).
 */
export function executeThrough(apollo: ApolloServer<GatewayContext>): ExecuteAs {
  return async <T>(viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<GraphQLReply<T>> => {
    const requestId = randomUUID();
    const response = await apollo.executeOperation<T>({ query, variables }, { contextValue: { viewer: { ...viewer, requestId }, requestId } });
    if (response.body.kind !== 'single') throw new Error('a paperwork operation answered incrementally');
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors: (errors ?? []) as GraphQLErrorShape[] };
  };
}

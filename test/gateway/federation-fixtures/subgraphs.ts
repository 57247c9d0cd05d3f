/**
 * Small Federation 2 subgraphs in the style of the federation project's own
 * test suites (accounts, products, inventory, reviews, books; media with an
 * interface object), each a real HTTP server on port 0 that records what it
 * receives. Composed in the test with @apollo/composition, they give the
 * gateway supergraphs that have nothing to do with divisions.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode } from 'graphql';

export interface ReceivedFetch {
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export interface SubgraphDefinition {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
  received: ReceivedFetch[];
  stop(): Promise<void>;
}

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject"])';

const USERS = [
  { id: '1', name: 'Ada Lovelace', username: '@ada' },
  { id: '2', name: 'Alan Turing', username: '@complete' },
];
const PRODUCTS = [
  { upc: '1', name: 'Table', price: 899, weight: 100 },
  { upc: '2', name: 'Couch', price: 1299, weight: 1000 },
  { upc: '3', name: 'Chair', price: 54, weight: 50 },
];
const BOOKS = [{ isbn: '0201633612', title: 'Design Patterns' }];
const REVIEWS = [
  { id: '1', authorId: '1', upc: '1', body: 'Love it!' },
  { id: '2', authorId: '1', upc: '2', body: 'Too expensive.' },
  { id: '3', authorId: '2', upc: '3', body: 'Could be better.' },
  { id: '4', authorId: '2', upc: '1', body: 'Prefer something else.' },
];
const MEDIA = [
  { __typename: 'Movie', id: 'm1', title: 'Metropolis', director: 'Fritz Lang' },
  { __typename: 'Song', id: 's1', title: 'Blue in Green', artist: 'Miles Davis' },
];

/** accounts · products (with a union) · inventory (@requires) · reviews (@provides). */
export const SHOP: SubgraphDefinition[] = [
  {
    name: 'accounts',
    typeDefs: parse(`${LINK}
      type Query { me: User users: [User!]! }
      type User @key(fields: "id") { id: ID! name: String! username: String! @shareable }`),
    resolvers: {
      Query: { me: () => USERS[0], users: () => USERS },
      User: { __resolveReference: (reference: { id: string }) => USERS.find((user) => user.id === reference.id) ?? null },
    } as GraphQLResolverMap<unknown>,
  },
  {
    name: 'products',
    typeDefs: parse(`${LINK}
      type Query { topProducts(first: Int = 5): [Product!]! search(text: String!): [Item!]! }
      union Item = Product | Book
      type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! }
      type Book @key(fields: "isbn") { isbn: String! title: String! }`),
    resolvers: {
      Query: {
        topProducts: (_: unknown, args: { first: number }) => PRODUCTS.slice(0, args.first),
        search: (_: unknown, args: { text: string }) =>
          [...PRODUCTS.map((product) => ({ __typename: 'Product', ...product })), ...BOOKS.map((book) => ({ __typename: 'Book', ...book }))].filter((item) =>
            ('name' in item ? item.name : item.title).toLowerCase().includes(args.text.toLowerCase()),
          ),
      },
      Item: { __resolveType: (item: { __typename: string }) => item.__typename },
      Product: { __resolveReference: (reference: { upc: string }) => PRODUCTS.find((product) => product.upc === reference.upc) ?? null },
      Book: { __resolveReference: (reference: { isbn: string }) => BOOKS.find((book) => book.isbn === reference.isbn) ?? null },
    } as GraphQLResolverMap<unknown>,
  },
  {
    name: 'inventory',
    typeDefs: parse(`${LINK}
      type Product @key(fields: "upc") {
        upc: String!
        price: Int! @external
        weight: Int! @external
        inStock: Boolean!
        shippingEstimate: Int! @requires(fields: "price weight")
      }`),
    resolvers: {
      Product: {
        __resolveReference: (reference: { upc: string; price?: number; weight?: number }) => ({ ...reference }),
        inStock: (product: { upc: string }) => product.upc !== '3',
        // Free for expensive items, otherwise by weight: needs price and weight from the products subgraph.
        shippingEstimate: (product: { price: number; weight: number }) => (product.price > 1000 ? 0 : Math.round(product.weight * 0.5)),
      },
    } as GraphQLResolverMap<unknown>,
  },
  {
    name: 'reviews',
    typeDefs: parse(`${LINK}
      type Review @key(fields: "id") { id: ID! body: String! author: User @provides(fields: "username") product: Product }
      type User @key(fields: "id") { id: ID! username: String! @external reviews: [Review!]! }
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }`),
    resolvers: {
      Review: {
        author: (review: { authorId: string }) => ({
          __typename: 'User',
          id: review.authorId,
          username: USERS.find((user) => user.id === review.authorId)!.username,
        }),
        product: (review: { upc: string }) => ({ __typename: 'Product', upc: review.upc }),
      },
      User: {
        __resolveReference: (reference: { id: string }) => ({ ...reference }),
        reviews: (user: { id: string }) => REVIEWS.filter((review) => review.authorId === user.id),
      },
      Product: {
        __resolveReference: (reference: { upc: string }) => ({ ...reference }),
        reviews: (product: { upc: string }) => REVIEWS.filter((review) => review.upc === product.upc),
      },
    } as GraphQLResolverMap<unknown>,
  },
];

/** media (an entity interface) · ratings (the same interface as an @interfaceObject). */
export const MEDIA_LIBRARY: SubgraphDefinition[] = [
  {
    name: 'media',
    typeDefs: parse(`${LINK}
      type Query { media: [Media!]! }
      interface Media @key(fields: "id") { id: ID! title: String! }
      type Movie implements Media @key(fields: "id") { id: ID! title: String! director: String! }
      type Song implements Media @key(fields: "id") { id: ID! title: String! artist: String! }`),
    resolvers: {
      Query: { media: () => MEDIA },
      Media: {
        __resolveType: (media: { __typename: string }) => media.__typename,
        __resolveReference: (reference: { id: string }) => MEDIA.find((media) => media.id === reference.id) ?? null,
      },
      Movie: { __resolveReference: (reference: { id: string }) => MEDIA.find((media) => media.id === reference.id) ?? null },
      Song: { __resolveReference: (reference: { id: string }) => MEDIA.find((media) => media.id === reference.id) ?? null },
    } as GraphQLResolverMap<unknown>,
  },
  {
    name: 'ratings',
    typeDefs: parse(`${LINK}
      type Query { topRated: [Media!]! }
      type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int! }`),
    resolvers: {
      Query: { topRated: () => [{ id: 's1' }, { id: 'm1' }] },
      Media: {
        __resolveReference: (reference: { id: string }) => ({ ...reference }),
        rating: (media: { id: string }) => (media.id === 'm1' ? 5 : 4),
      },
    } as GraphQLResolverMap<unknown>,
  },
];

function recorder(received: ReceivedFetch[]): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const headers: ReceivedFetch['headers'] = {};
      for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
      received.push({ query: request.query ?? '', variables: (request.variables ?? {}) as Record<string, unknown>, headers });
    },
  };
}

/** Starts every subgraph on a free port. */
export async function startSubgraphs(definitions: SubgraphDefinition[]): Promise<RunningSubgraph[]> {
  return Promise.all(
    definitions.map(async (definition) => {
      const received: ReceivedFetch[] = [];
      const server = new ApolloServer({
        schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers }),
        plugins: [recorder(received), ApolloServerPluginInlineTraceDisabled()],
      });
      const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
      return { name: definition.name, url, typeDefs: definition.typeDefs, received, stop: () => server.stop() };
    }),
  );
}

/** Composes running subgraphs into a supergraph; fails the test on composition errors. */
export function composeRunning(subgraphs: RunningSubgraph[]): string {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: subgraph.typeDefs })));
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.supergraphSdl;
}

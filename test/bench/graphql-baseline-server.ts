// The baseline of `BENCH_ONLY=graphql`: a bare @apollo/server answering `{ ok }`, so the gateway's
// reads are compared with what GraphQL over HTTP costs at all on this machine.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  typeDefs: 'type Query { ok: Boolean! }',
  resolvers: { Query: { ok: () => true } },
});
await startStandaloneServer(server, { listen: { port: Number(process.argv[2] ?? 0), host: '127.0.0.1' } });
process.send?.('ready');

import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

describe('a statement the database takes seconds over', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer();
  });

  afterAll(async () => {
    await test?.stop();
  });

  // The embedded database works statements out on a thread of its own; on the server's, this one would hold
  // every request until it was done.
  it('holds up no request that does not need the database', async () => {
    const token = await test.token(['VIEWER']);
    // The first request reads the tree's shape for its work limit; later ones use it.
    expect((await test.graphql('{ __typename }', {}, token)).errors).toBeUndefined();
    let statementDone = false;
    const statement = test.server.database.orm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int as n from generate_series(1, 10000000)')
      .finally(() => (statementDone = true));

    const probe = await test.graphql('{ __typename }', {}, token);

    expect(probe.data).toEqual({ __typename: 'Query' });
    expect(statementDone).toBe(false);
    expect(await statement).toEqual([{ n: 10_000_000 }]);
  });
});

import { Writable } from 'node:stream';
import { jsonLogger } from '../server/transport/log';
import { createUnits, treeOf } from './support/build-tree';
import { followUp } from './support/operations';
import { postGraphQL } from './support/post-graphql';
import { startTestServer } from './support/test-server';
import type { TestServer } from './support/test-server';

const lines: string[] = [];
let test: TestServer;

beforeAll(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  test = await startTestServer({}, { logger: jsonLogger(destination) });
});

afterAll(() => test.stop());

const STORY_TEXT = 'Ward 7 asked the night staff to call each patient after discharge.';

it('logs each GraphQL request as one JSON line: time, level, request id, operation, subject, duration, error codes', async () => {
  await createUnits(test, treeOf(1, 1));
  const token = await test.token(['CONTRIBUTOR'], ['*'], 'ward-7-manager');
  const response = await fetch(test.server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': 'board-pack-42',
    },
    body: JSON.stringify({
      query: 'mutation Tell($input: AddStoryInput!) { addStory(input: $input) { id } }',
      variables: { input: { orgUnit: 'SVC1-T1', period: '2026-01', kind: 'CONTEXT', text: STORY_TEXT } },
    }),
  });
  expect(response.headers.get('x-request-id')).toBe('board-pack-42');
  await postGraphQL(
    test.server.url,
    'mutation Refused($input: SubmitObservationInput!) { submitObservation(input: $input) { version } }',
    { input: followUp('NO-SUCH-UNIT', '2026-01', 9, 10, 5) },
    token,
  );

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const told = entries.find((entry) => entry.operation === 'Tell');
  expect(told).toEqual({
    level: 30,
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    msg: 'graphql request',
    requestId: 'board-pack-42',
    operation: 'Tell',
    subject: 'ward-7-manager',
    durationMs: expect.any(Number),
    errors: [],
  });
  const refused = entries.find((entry) => entry.operation === 'Refused');
  expect(refused).toMatchObject({ subject: 'ward-7-manager', errors: ['BAD_USER_INPUT'] });
  // A request without an id of its own gets one.
  expect(refused!.requestId).toMatch(/^[0-9a-f-]{36}$/);

  const everything = lines.join('\n');
  expect(everything).not.toContain(token);
  expect(everything).not.toContain(STORY_TEXT);
});

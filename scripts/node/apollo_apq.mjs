// Drives credreg with the real @apollo/client persisted-queries link (issue 14, item 4).
// Usage: node apollo_apq.mjs <graphql url> <bearer token> [record.json]
// Prints one JSON line: the answers and every HTTP exchange (method, url, headers,
// body, status). With a third argument, the exchanges are also written there: the
// byte-for-byte recording tests/api/test_persisted_queries.py replays without node.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url, token, recordTo] = process.argv.slice(2);
const exchanges = [];

async function recordingFetch(input, init) {
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const response = await fetch(input, init);
  const text = await response.clone().text();
  exchanges.push({
    method: init.method, url: String(input).replace(url, '/graphql'), headers,
    body: init.body ?? null, status: response.status, response: text,
  });
  return response;
}

function client(useGETForHashedQueries) {
  const sha256 = (query) => createHash('sha256').update(query).digest('hex');
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256, useGETForHashedQueries }).concat(
      new HttpLink({ uri: url, fetch: recordingFetch, headers: { authorization: `Bearer ${token}` } }),
    ),
  });
}

const CHECK = gql`
  query SchedulerCheck($input: PrivilegeCheckInput!) {
    privilegeCheck(input: $input) { allowed reasons { code } }
  }
`;
// Another document for the GET rounds, so they too start with a miss and a retry.
const CHECK_BY_GET = gql`
  query SchedulerCheckByGet($input: PrivilegeCheckInput!) {
    privilegeCheck(input: $input) { allowed requiresMdt }
  }
`;
const variables = {
  input: { practitionerStaffNo: 'D0001', procedureCode: '47.0901', on: '2026-12-01' },
};

const answers = [];
for (const useGET of [false, true]) {
  // A new client each time: its link state and cache start empty, as a new browser tab.
  for (let round = 0; round < 2; round++) {
    const query = useGET ? CHECK_BY_GET : CHECK;
    const result = await client(useGET).query({ query, variables, fetchPolicy: 'no-cache' });
    answers.push({ useGET, round, data: result.data, error: result.error?.message ?? null });
  }
}
if (recordTo) writeFileSync(recordTo, JSON.stringify(exchanges, null, 1) + '\n');
console.log(JSON.stringify({ answers, exchanges }));

// The graphql-http server audits (GraphQL over HTTP) against a running credreg.
// Usage: node graphql_http_audit.mjs <graphql url> [bearer token]
// Prints one JSON array: {id, name, status: ok|warn|error, reason} per audit; exits 0.
// tests/api/test_graphql_over_http.py decides which failures matter (every MUST and
// SHOULD for an ADMIN caller, every MUST for a SCHEDULER key).
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);

function fetchFn(input, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    name: result.name,
    status: result.status,
    reason: result.status === 'ok' ? null : result.reason,
  });
}
console.log(JSON.stringify(results));

// Runs graphql-http's auditServer against the URL given and prints one JSON array of
// { id, name, status, reason } to stdout. Exit code 0 whatever the results: the caller judges them.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const plain = await Promise.all(results.map(async (r) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  reason: r.status === 'ok' ? null : r.reason,
  response: r.status === 'ok' ? null : await describe(r.response),
})));
process.stdout.write(JSON.stringify(plain, null, 2));

async function describe(response) {
  if (!response) return null;
  try {
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.text()).slice(0, 300) };
  } catch {
    return { status: response.status };
  }
}

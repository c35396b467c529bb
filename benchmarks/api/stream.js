#!/usr/bin/env node
// Load for benchmarks/api/stall.sh (Node, no dependencies).
//
//   node stream.js cheap PORT SECONDS CONNECTIONS RATE CELLS.tsv OUT.json [RAW.tsv]
//       A stream of cheap queries (the gender breakdown of queries/api-gender.graphql, its area and
//       period as variables) over CONNECTIONS keep-alive connections at RATE requests/s in all. Each
//       request asks for the next (area, period) of CELLS.tsv, so no two requests in a row are alike.
//       Writes {requests, statuses, p50, p99, max} (milliseconds) to OUT.json, and each request
//       (seconds from the start when sent, milliseconds, status) to RAW.tsv.
//   node stream.js slow-bodies DIR
//       The timeout-bound queries of issue #11 as POST bodies: DIR/slow-or.json (an `or` of 3,000
//       `contains` branches) and DIR/slow-contains.json (an `or` of two `contains` of 120,000 characters).
//   node stream.js slow PORT SECONDS COUNT FROM_ADDRESS DIR OUT.txt
//       COUNT clients from FROM_ADDRESS each sending those bodies in turn, the next as soon as the last
//       is answered, for SECONDS; one line per answer (client, status, seconds) in OUT.txt.
//   node stream.js table RESULTS.tsv TIMEOUT_SECONDS
//       The Markdown table of stall.sh's phases, with p99 ÷ idle (the lower of the two idle phases)
//       and the two targets.
//
// `hey` sends one fixed body, so it cannot vary a variable per request; this does, and it keeps a
// fixed rate so that the stream stays under the per-client rate limit (200/s by default).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const [, , command, ...args] = process.argv;
function fail(message) { console.error(message); process.exit(1); }

const gender = `query Gender($area: String!, $period: String!) {
  genderBreakdown(indicator: "reconviction-rate", area: $area, period: $period) {
    allPersons { value status } male { value status } female { value status }
  }
}`;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function cheap(port, seconds, connections, rate, cellsFile, out, rawFile) {
  const cells = fs.readFileSync(cellsFile, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  if (cells.length < 2) fail(`${cellsFile}: fewer than two (area, period) cells`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const raw = []; // [seconds since start when sent, ms, status]
  const statuses = {};
  let next = 0;
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(seconds * 1e9));
  const interval = (connections / rate) * 1e9; // each connection's share of the rate

  const send = (body) => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({
      host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        // A 200 with errors is not a cheap answer: count it apart.
        const status = res.statusCode === 200 && text.includes('"errors"') ? '200-with-errors' : String(res.statusCode);
        if (res.headers['x-cache']) fail('the API answered from its response cache: start it with GraphQL__Cache__Enabled=false');
        resolve([ms, status]);
      });
    });
    req.on('error', (e) => resolve([Number(process.hrtime.bigint() - t0) / 1e6, `error:${e.code || e.message}`]));
    req.end(body);
  });

  const worker = async (w) => {
    let due = started + BigInt(Math.round((w * interval) / connections));
    while (true) {
      const now = process.hrtime.bigint();
      if (due > now) await new Promise((r) => setTimeout(r, Number(due - now) / 1e6));
      if (process.hrtime.bigint() >= end) return;
      const [area, period] = cells[next++ % cells.length];
      const sent = Number(process.hrtime.bigint() - started) / 1e9;
      const [ms, status] = await send(JSON.stringify({ query: gender, variables: { area, period } }));
      latencies.push(ms);
      raw.push(`${sent.toFixed(3)}\t${ms.toFixed(2)}\t${status}`);
      statuses[status] = (statuses[status] || 0) + 1;
      due += BigInt(Math.round(interval));
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  agent.destroy();
  if (rawFile) fs.writeFileSync(rawFile, raw.join('\n') + '\n');
  latencies.sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  fs.writeFileSync(out, JSON.stringify({
    requests: latencies.length, seconds, statuses,
    p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies[latencies.length - 1] ?? null),
  }) + '\n');
}

// RESULTS.tsv from stall.sh: phase, slow count, slow from, cheap summary JSON, slow statuses, longest statement (s), load.
function table(file, timeout) {
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  // The baseline is the lower of the two idle p99s (before and after the slow phases): the stricter test.
  const idles = rows.filter((r) => r[0].startsWith('idle')).map((r) => JSON.parse(r[3]).p99);
  const idleP99 = idles.length ? Math.min(...idles) : null;
  const out = ['| Phase | Slow queries running | Cheap requests | Cheap not 200 | p50 (ms) | p99 (ms) | p99 ÷ idle (lower idle p99) | Slow answers (HTTP status: count) | Longest statement (s) | Load avg (1 min) |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|'];
  let worst = 0;
  for (const [name, count, from, cheapJson, slow, longest, load] of rows) {
    const c = JSON.parse(cheapJson);
    const failed = Object.entries(c.statuses).filter(([s]) => s !== '200').reduce((n, [, v]) => n + v, 0);
    const ratio = idleP99 ? c.p99 / idleP99 : NaN;
    if (!name.startsWith('idle')) worst = Math.max(worst, ratio);
    const who = count === '0' ? 'none' : `${count}, from ${from === '127.0.0.1' ? 'the stream\'s own address' : 'another address'} (${from})`;
    out.push(`| ${name} | ${who} | ${c.requests} | ${failed} | ${c.p50} | ${c.p99} | ${ratio.toFixed(2)} | ${slow || '-'} | ${longest || '-'} | ${load} |`);
  }
  const longest = Math.max(...rows.filter((r) => r[1] !== '0').map((r) => Number(r[5]) || 0));
  out.push('', `Cheap p99 within 2× of idle in every phase: ${worst <= 2 ? 'yes' : '**no**'} (worst ${worst.toFixed(2)}×).`,
    `No statement outlived the ${timeout} s execution timeout by more than a second: ${longest <= Number(timeout) + 1 ? 'yes' : '**no**'} (longest ${longest} s).`);
  return out.join('\n');
}

// COUNT clients, each on its own keep-alive connection from address FROM, sending its body (the `or`
// and the long `contains` in turn) again as soon as the last is answered, until SECONDS have passed;
// a refusal (not 200 or 503) is followed by a pause of its Retry-After (else 1 s), as a client should.
// Writes one line per answer: client, HTTP status, seconds taken. One process: no process start per
// request on the machine being measured.
async function slow(port, seconds, count, from, dir, out) {
  const bodies = ['slow-or.json', 'slow-contains.json'].map((f) => fs.readFileSync(path.join(dir, f)));
  const end = Date.now() + seconds * 1000;
  const lines = [];
  const client = async (i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: from });
    const body = bodies[i % 2];
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      const [status, retry] = await new Promise((resolve) => {
        const req = http.request({
          host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, localAddress: from,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': body.length },
        }, (res) => { res.resume(); res.on('end', () => resolve([res.statusCode, Number(res.headers['retry-after']) || 1])); });
        req.on('error', (e) => resolve([`error:${e.code || e.message}`, 1]));
        req.end(body);
      });
      lines.push(`${i + 1} ${status} ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)}`);
      if (status !== 200 && status !== 503) await new Promise((r) => setTimeout(r, retry * 1000));
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: count }, (_, i) => client(i)));
  fs.writeFileSync(out, lines.length ? lines.join('\n') + '\n' : '');
}

function slowBodies(dir) {
  const branches = Array.from({ length: 3000 }, (_, i) => `{ area: { name: { contains: "no-such-area-${i}" } } }`);
  const or = `{ observations(first: 10, where: { or: [${branches.join(', ')}] }) { totalCount nodes { value } } }`;
  const long = 'x'.repeat(120000);
  // Two of them (as in the issue), so that it runs past the timeout even on a quiet machine (one alone takes about 10 s here).
  const contains = `{ observations(first: 10, where: { or: [{ area: { name: { contains: "${long}" } } }, { area: { code: { contains: "${long}" } } }] }) { totalCount nodes { value } } }`;
  fs.writeFileSync(path.join(dir, 'slow-or.json'), JSON.stringify({ query: or }));
  fs.writeFileSync(path.join(dir, 'slow-contains.json'), JSON.stringify({ query: contains }));
}

switch (command) {
  case 'cheap': {
    const [port, seconds, connections, rate, cells, out, rawFile] = args;
    cheap(Number(port), Number(seconds), Number(connections), Number(rate), cells, out, rawFile).catch((e) => fail(e.stack));
    break;
  }
  case 'slow': {
    const [port, seconds, count, from, dir, out] = args;
    slow(Number(port), Number(seconds), Number(count), from, dir, out).catch((e) => fail(e.stack));
    break;
  }
  case 'slow-bodies': slowBodies(args[0]); break;
  case 'table': console.log(table(args[0], args[1])); break;
  default: fail('usage: node stream.js cheap PORT SECONDS CONNECTIONS RATE CELLS.tsv OUT.json [RAW.tsv] | slow PORT SECONDS COUNT FROM DIR OUT.txt | slow-bodies DIR | table RESULTS.tsv TIMEOUT');
}

#!/usr/bin/env node
// Helpers for benchmarks/api/run.sh (Node, no dependencies):
//   node tools.js body QUERY.graphql [VARIABLES_JSON]      request body for POST /graphql
//   node tools.js figures gender|page api|postgraphile|sql RESPONSE.json
//                                                          the figures of a response, normalised
//   node tools.js hey HEY_OUTPUT.txt                       "rps p50_ms p99_ms non2xx"
//   node tools.js rawsql RAWSQL_OUTPUT.txt                 the same from rawsql-bench
//   node tools.js table RESULTS.tsv                        the Markdown results table and the targets
'use strict';
const fs = require('fs');
const [, , command, ...args] = process.argv;

function fail(message) { console.error(message); process.exit(1); }
const read = (file) => fs.readFileSync(file, 'utf8');
const num = (v) => (v === null || v === undefined ? null : Number(v));
const upper = (s) => (s === null || s === undefined ? null : String(s).toUpperCase());

function figures(kind, system, response) {
  if (system !== 'sql') {
    if (response.errors) fail(`${system} answered with errors: ${JSON.stringify(response.errors)}`);
    if (!response.data) fail(`${system} answered without data: ${JSON.stringify(response)}`);
  }
  if (kind === 'gender') {
    if (system === 'api') {
      const g = response.data.genderBreakdown;
      if (!g) fail('api: genderBreakdown is null');
      const f = (o) => (o ? { value: num(o.value), status: upper(o.status) } : null);
      return { all: f(g.allPersons), male: f(g.male), female: f(g.female) };
    }
    const rows = system === 'sql' ? response : response.data.allObservations.nodes;
    const out = { all: null, male: null, female: null };
    for (const r of rows) {
      const key = String(r.sex).toLowerCase();
      if (!(key in out) || out[key]) fail(`${system}: unexpected or repeated sex ${r.sex}`);
      out[key] = { value: num(r.value), status: upper(r.status) };
    }
    return out;
  }
  if (kind === 'page') {
    if (system === 'api') {
      return response.data.observations.nodes.map((n) => [Number(n.id), n.area.code, n.area.name, n.period.label, n.ageBand.code, num(n.value), upper(n.status)]);
    }
    if (system === 'postgraphile') {
      return response.data.allObservations.nodes.map((n) => [Number(n.id), n.areaByAreaCode.code, n.areaByAreaCode.name, n.periodLabel, n.ageBandCode, num(n.value), upper(n.status)]);
    }
    return response.map((r) => [Number(r.id), r.area_code, r.area_name, r.period_label, r.age_band_code, num(r.value), upper(r.status)]);
  }
  fail(`unknown query kind ${kind}`);
}

function parseHey(text) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const p = (q) => { const m = new RegExp(`\\s${q}% in ([\\d.]+) secs`).exec(text); return m ? (Number(m[1]) * 1000).toFixed(2) : 'NaN'; };
  let non2xx = 0;
  const codes = /Status code distribution:\n([\s\S]*?)(\n\n|$)/.exec(text);
  if (codes) for (const m of codes[1].matchAll(/\[(\d+)\]\s+(\d+) responses/g)) if (m[1] !== '200') non2xx += Number(m[2]);
  const errs = /Error distribution:\n([\s\S]*)$/.exec(text);
  if (errs) for (const m of errs[1].matchAll(/\[(\d+)\]/g)) non2xx += Number(m[1]);
  return [rps ? Number(rps[1]).toFixed(1) : '0', p(50), p(99), non2xx].join(' ');
}

function parseRawSql(text) {
  const m = /rps=([\d.]+) p50_ms=([\d.NaN]+) p99_ms=([\d.NaN]+) errors=(\d+)/.exec(text);
  if (!m) return '0 NaN NaN 1';
  return [m[1], m[2], m[3], m[4]].join(' ');
}

function table(file) {
  // query system concurrency rps p50 p99 errors load
  const rows = read(file).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  const names = { 'api-uncached': 'our API, cache off', 'api-cached': 'our API, cache on', postgraphile: 'PostGraphile 4.14.1', rawsql: 'raw SQL (Npgsql)' };
  const queries = { gender: '(a) gender breakdown', page: '(b) observations page' };
  const out = ['| Query | System | Connections | Requests/s | p50 (ms) | p99 (ms) | Errors | Load avg (1 min) |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const [q, s, c, rps, p50, p99, errors, load] of rows) {
    out.push(`| ${queries[q] || q} | ${names[s] || s} | ${c} | ${Number(rps).toLocaleString('en-GB', { maximumFractionDigits: 0 })} | ${p50} | ${p99} | ${errors} | ${load} |`);
  }
  out.push('');
  const top = String(Math.max(...rows.map((r) => Number(r[2]))));
  const get = (q, s) => rows.find((r) => r[0] === q && r[1] === s && r[2] === top);
  out.push(`Targets (issue 4) at ${top} connections:`, '');
  out.push('| Query | Uncached ÷ PostGraphile (≥ 1.5) | Uncached p99 (< 25 ms) | Cached ÷ PostGraphile (≥ 10) |', '|---|---:|---:|---:|');
  for (const q of Object.keys(queries)) {
    const pg = get(q, 'postgraphile'); const un = get(q, 'api-uncached'); const ca = get(q, 'api-cached');
    if (!pg || !un || !ca) continue;
    const r1 = Number(un[3]) / Number(pg[3]); const r2 = Number(ca[3]) / Number(pg[3]); const p99 = Number(un[5]);
    const mark = (ok) => (ok ? 'met' : '**not met**');
    out.push(`| ${queries[q]} | ${r1.toFixed(2)}× ${mark(r1 >= 1.5)} | ${p99.toFixed(1)} ms ${mark(p99 < 25)} | ${r2.toFixed(2)}× ${mark(r2 >= 10)} |`);
  }
  return out.join('\n');
}

switch (command) {
  case 'body': {
    const body = { query: read(args[0]) };
    if (args[1]) body.variables = JSON.parse(args[1]);
    process.stdout.write(JSON.stringify(body));
    break;
  }
  case 'figures':
    process.stdout.write(JSON.stringify(figures(args[0], args[1], JSON.parse(read(args[2])))) + '\n');
    break;
  case 'hey': console.log(parseHey(read(args[0]))); break;
  case 'rawsql': console.log(parseRawSql(read(args[0]))); break;
  case 'table': console.log(table(args[0])); break;
  default: fail('usage: node tools.js body|figures|hey|rawsql|table ...');
}

#!/usr/bin/env node
// `npm run bench:hub`: a generated district (20,000 students, two family contacts each with a device,
// 1,000 teachers of 20 students each with a device) loaded into fep-hub on SQLite and on PostgreSQL,
// served by one and by two hub processes, and driven by closed-loop clients on this machine making
// real requests with fresh DPoP proofs: bundle fetches by families, contact records uploaded by
// teachers (one record per request, each signed on its "device" by the core), staff dashboards.
// Prints throughput, p50/p99 latency, errors and where the CPU time went, as Markdown for
// docs/benchmarks.md.
// Usage: node scripts/bench-hub.mjs [--students N] [--seconds S] [--concurrency C]
//        [--backends sqlite,postgresql] [--processes 1,2]
import { spawnSync } from 'node:child_process';
import { randomUUID, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import * as jose from 'jose';
import { ed25519KeyPair, recentAt, startHub } from '../tests/hub/hub-client.mjs';
import { loadNodeCore } from './node-core.mjs';
import { startPostgres } from './postgres.mjs';
import { root } from './serve.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const STUDENTS = Number(option('students', 20000));
const PER_TEACHER = 20;
const TEACHERS = Math.ceil(STUDENTS / PER_TEACHER);
const SECONDS = Number(option('seconds', 15));
const CONCURRENCY = Number(option('concurrency', 32));
const BACKENDS = option('backends', 'sqlite,postgresql').split(',');
const PROCESSES = option('processes', '1,2').split(',').map(Number);
const PHASES = option('phases', 'bundles,contacts,dashboards').split(',');
const PUBLIC_URL = 'http://hub.bench.test';
const hubBinary = join(root, 'build/native/hub/fep-hub');
const b64u = (value) => Buffer.from(value).toString('base64url');
const log = (...words) => console.error(`[bench:hub ${new Date().toISOString().slice(11, 19)}]`, ...words);

// ---- The district ---------------------------------------------------------------------------------

// The example year per student, thinned to a realistic bundle: the school calendars, attendance and
// grades as they are, 24 of the 320 gradebook assignments, no contact history (each student starts
// clean), two family contacts of its own.
function districtRecords(dir) {
  const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  const keep = new Set(example.gradebookEntries.slice(0, 24).map((e) => e.id));
  const base = {
    ...example,
    gradebookEntries: example.gradebookEntries.filter((e) => keep.has(e.id)),
    studentGradebookEntries: example.studentGradebookEntries.filter((e) => keep.has(e.gradebookEntryId)),
    contactRecords: [],
  };
  let bytes = 0;
  for (let s = 0; s < STUDENTS; s++) {
    const id = `stu-${String(s).padStart(6, '0')}`;
    const record = {
      ...base,
      student: { id, displayName: `Student ${s}`, gradeLevel: 'Seventh grade' },
      contacts: [
        { id: `${id}-a`, name: `Parent A of ${s}`, relation: 'Mother', preferredLanguage: 'en', primary: true },
        { id: `${id}-b`, name: `Parent B of ${s}`, relation: 'Father', preferredLanguage: 'es', primary: false },
      ],
    };
    const text = JSON.stringify(record);
    bytes += text.length;
    writeFileSync(join(dir, `${id}.json`), text);
  }
  return bytes / STUDENTS;
}
const studentOf = (s) => `stu-${String(s).padStart(6, '0')}`;

function hubCommand(location, ...args) {
  const result = spawnSync(hubBinary, [...args, ...location], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`fep-hub ${args.slice(0, 3).join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// ---- Devices and requests -------------------------------------------------------------------------

function makeDevice(account, student) {
  const { publicKey, privateKey } = ed25519KeyPair();
  const jwk = publicKey.export({ format: 'jwk' });
  return { account, student, jwk, privateKey, header: b64u(JSON.stringify({ typ: 'dpop+jwt', alg: 'EdDSA', jwk })) };
}

function proof(d, method, path) {
  const claims = b64u(
    JSON.stringify({ jti: randomUUID(), htm: method, htu: PUBLIC_URL + path, iat: Math.floor(Date.now() / 1000) }),
  );
  const input = `${d.header}.${claims}`;
  return `${input}.${sign(null, Buffer.from(input), d.privateKey).toString('base64url')}`;
}

// A fresh pool of kept-alive connections per phase: between phases the hub closes idle ones.
let agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
function freshConnections() {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
}

function request(base, d, method, path, body) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method,
        headers: {
          DPoP: proof(d, method, path.split('?')[0]),
          'Accept-Encoding': 'gzip, deflate, br', // as a browser sends it
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const coding = res.headers['content-encoding'];
          const body = coding === 'gzip' ? gunzipSync(raw) : coding === 'br' ? brotliDecompressSync(raw) : raw;
          resolve({
            status: res.statusCode,
            body,
            bytes: raw.length,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          });
        });
      },
    );
    req.on('error', () => resolve({ status: 'network', body: Buffer.alloc(0), ms: 0 }));
    req.end(payload);
  });
}

// ---- CPU accounting -------------------------------------------------------------------------------

const TICKS = 100; // USER_HZ on Linux
function cpuOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / TICKS;
}
function postgresPids() {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}
function cpuNow(hubs) {
  const client = process.cpuUsage();
  return {
    client: (client.user + client.system) / 1e6,
    hubs: cpuOf(hubs.map((h) => h.process.pid)),
    database: cpuOf(postgresPids()),
  };
}

// ---- Closed loop ----------------------------------------------------------------------------------

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `job(worker)` in CONCURRENCY loops for `seconds`; job resolves to {ok, ms} or null (no work). */
async function closedLoop(hubs, seconds, job) {
  freshConnections();
  const latencies = [];
  let errors = 0;
  const before = cpuNow(hubs);
  const started = Date.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (Date.now() < end) {
        const outcome = await job(worker);
        if (!outcome) return;
        if (outcome.ok) latencies.push(outcome.ms);
        else if (errors++ < 3) log('error:', outcome.status, String(outcome.body ?? '').slice(0, 200));
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const after = cpuNow(hubs);
  latencies.sort((a, b) => a - b);
  return {
    done: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50) ?? NaN,
    p99: percentile(latencies, 99) ?? NaN,
    errors,
    cpu: Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] - before[k]) / elapsed])),
  };
}

/** Runs `work(i)` for i < count, CONCURRENCY at a time; returns seconds taken. */
async function inParallel(count, work) {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return (Date.now() - started) / 1000;
}

// ---- One backend ----------------------------------------------------------------------------------

async function benchBackend(backend, recordsDir, families, teachers, core, pg) {
  const data = mkdtempSync(join(tmpdir(), `fep-bench-hub-${backend}-`));
  const location = ['--data', data, ...(backend === 'postgresql' ? ['--db', pg.createDatabase('district')] : [])];
  const setup = {};
  let t = Date.now();
  hubCommand(location, 'records', 'put', recordsDir);
  setup.records = (Date.now() - t) / 1000;
  t = Date.now();
  for (const [k, d] of teachers.entries()) {
    const role = ['--role', 'teacher', '--students', d.students.join(',')];
    hubCommand(location, 'staff', 'add', '--id', `t-${k}`, '--name', `Teacher ${k}`, ...role);
  }
  setup.staff = (Date.now() - t) / 1000;
  const codes = new Map();
  for (const who of ['families', 'staff']) {
    for (const line of hubCommand(location, 'invite', '--all', who).trim().split('\n')) {
      const [account, code] = line.split('\t');
      codes.set(account, code);
    }
  }

  const results = [];
  let enrolled = false;
  for (const processes of PROCESSES) {
    const hubs = [];
    for (let i = 0; i < processes; i++)
      hubs.push(await startHub(data, [...location.slice(2), '--public-url', PUBLIC_URL]));
    const base = (n) => hubs[n % hubs.length].url;
    if (process.env.FEP_BENCH_PIDS) writeFileSync(process.env.FEP_BENCH_PIDS, hubs.map((h) => h.process.pid).join(','));
    if (!enrolled) {
      const devices = [...families, ...teachers];
      let failed = 0;
      setup.enrolSeconds = await inParallel(devices.length, async (i) => {
        const d = devices[i];
        const r = await request(base(i), d, 'POST', '/api/enroll', { code: codes.get(d.account) });
        if (r.status !== 201) failed++;
      });
      if (failed) throw new Error(`${failed} enrolments failed`);
      setup.enrolments = devices.length;
      // The first fetch of each student's bundle signs it.
      setup.firstSignSeconds = await inParallel(STUDENTS, async (s) => {
        const r = await request(base(s), families[s * 2], 'GET', `/api/students/${studentOf(s)}/bundle`);
        if (r.status !== 200) throw new Error(`first bundle: ${r.status} ${r.body}`);
        if (s === 0) [setup.bundleBytes, setup.bundleWireBytes] = [r.body.length, r.bytes];
      });
      enrolled = true;
      log(backend, 'set up', JSON.stringify(setup));
    }

    let turn = 0;
    const skipped = {
      done: 0,
      perSecond: NaN,
      p50: NaN,
      p99: NaN,
      errors: 0,
      cpu: { client: 0, hubs: 0, database: 0 },
    };
    const bundles = !PHASES.includes('bundles')
      ? skipped
      : await closedLoop(hubs, SECONDS, async () => {
          const d = families[Math.floor(Math.random() * families.length)];
          const r = await request(base(turn++), d, 'GET', `/api/students/${d.student}/bundle`);
          return { ok: r.status === 200, ms: r.ms, status: r.status, body: r.body };
        });
    log(backend, processes, 'bundles', JSON.stringify(bundles));

    // Each worker owns the teachers w, w + C, …, and sends each one's next record in turn.
    const perTeacher = Math.ceil((900 * SECONDS) / teachers.length) + 2;
    for (const d of teachers) d.queue = [...(d.queue ?? []), ...(await signChain(core, d, perTeacher))];
    const cursor = new Array(CONCURRENCY).fill(0);
    const contacts = !PHASES.includes('contacts')
      ? skipped
      : await closedLoop(hubs, SECONDS, async (w) => {
          const owned = teachers.filter((_, i) => i % CONCURRENCY === w);
          for (let tries = 0; tries < owned.length; tries++) {
            const d = owned[cursor[w]++ % owned.length];
            const next = d.queue.shift();
            if (!next) continue;
            const r = await request(base(turn++), d, 'POST', '/api/contact-log', { device: d.jwk, records: [next] });
            const accepted = r.status === 200 && JSON.parse(r.body).results[0]?.status === 'accepted';
            if (!accepted) d.queue.unshift(next);
            return { ok: accepted, ms: r.ms, status: r.status, body: r.body };
          }
          return null; // every owned teacher's records are sent
        });
    log(backend, processes, 'contacts', JSON.stringify(contacts));

    const dashboards = !PHASES.includes('dashboards')
      ? skipped
      : await closedLoop(hubs, SECONDS, async () => {
          const d = teachers[Math.floor(Math.random() * teachers.length)];
          const r = await request(base(turn++), d, 'GET', '/api/dashboard');
          return { ok: r.status === 200, ms: r.ms, status: r.status, body: r.body };
        });
    log(backend, processes, 'dashboards', JSON.stringify(dashboards));
    results.push({ backend, processes, bundles, contacts, dashboards });
    await Promise.all(hubs.map((h) => h.stop()));
  }
  rmSync(data, { recursive: true, force: true });
  return { setup, results };
}

// Signs the teacher's next `count` contact records on its "device" with the core, continuing its chain.
async function signChain(core, d, count) {
  const out = [];
  for (let n = 0; n < count; n++) {
    const student = d.students[n % d.students.length];
    const record = {
      id: `bench-${d.account}-${d.head.seq + 1}`,
      at: recentAt(),
      direction: 'school_to_family',
      channel: 'phone',
      outcome: 'reached',
      note: 'Called about the field trip form.',
    };
    const signed = await core.signContact({ privateJwk: d.privateJwk, record, student, after: d.head });
    out.push(signed.compact);
    d.head = { seq: d.head.seq + 1, hash: signed.hash };
  }
  return out;
}

// ---- Main -----------------------------------------------------------------------------------------

const recordsDir = mkdtempSync(join(tmpdir(), 'fep-bench-records-'));
let t = Date.now();
const recordBytes = districtRecords(recordsDir);
log(`generated ${STUDENTS} records (${(recordBytes / 1024).toFixed(1)} KB each) in ${(Date.now() - t) / 1000} s`);
t = Date.now();
const families = [];
for (let s = 0; s < STUDENTS; s++) {
  for (const side of ['a', 'b']) families.push(makeDevice(`contact:${studentOf(s)}-${side}`, studentOf(s)));
}
log(`made ${families.length} family device keys`);
const core = await loadNodeCore();
const teachers = [];
for (let k = 0; k < TEACHERS; k++) {
  const d = makeDevice(`staff:t-${k}`);
  d.students = Array.from({ length: PER_TEACHER }, (_, i) => studentOf(k * PER_TEACHER + i)).filter(
    (_, i) => k * PER_TEACHER + i < STUDENTS,
  );
  d.privateJwk = await jose.exportJWK(d.privateKey);
  teachers.push(d);
}
log(`made ${families.length + teachers.length} device keys in ${(Date.now() - t) / 1000} s`);

const pg = BACKENDS.includes('postgresql') ? startPostgres() : null;
const runs = [];
for (const backend of BACKENDS) {
  // Each database starts every teacher's chain afresh.
  for (const d of teachers) [d.head, d.queue] = [{ seq: 0, hash: '' }, []];
  runs.push(await benchBackend(backend, recordsDir, families, teachers, core, pg));
}
pg?.stop();
rmSync(recordsDir, { recursive: true, force: true });
mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build/bench-hub.json'), JSON.stringify(runs, null, 2));

const row = (r, kind) => {
  const m = r[kind];
  const cpu = `${m.cpu.client.toFixed(2)} / ${m.cpu.hubs.toFixed(2)} / ${m.cpu.database.toFixed(2)}`;
  return `| ${r.backend} | ${r.processes} | ${kind} | ${Math.round(m.perSecond).toLocaleString('en')} | ${m.p50.toFixed(1)} ms | ${m.p99.toFixed(1)} ms | ${m.errors} | ${cpu} |`;
};
console.log(`## The hub under load (\`npm run bench:hub\`)

A generated district: ${STUDENTS.toLocaleString('en')} students (records of ${(recordBytes / 1024).toFixed(0)} KB, a signed bundle of ${(runs[0].setup.bundleBytes / 1024).toFixed(0)} KB, ${(runs[0].setup.bundleWireBytes / 1024).toFixed(0)} KB gzipped),
${(STUDENTS * 2).toLocaleString('en')} family devices, ${TEACHERS.toLocaleString('en')} teacher devices of ${PER_TEACHER} students each. ${CONCURRENCY} closed-loop
clients in one node process on the same 2-core machine, every request with a fresh DPoP proof;
${SECONDS} s per row. Contact uploads carry one record each, signed beforehand by the core as a device
does. CPU is cores busy on average: the load generator / the hub processes / PostgreSQL.

| store | hub processes | requests | per second | p50 | p99 | errors | CPU client / hubs / database |
|---|---|---|---|---|---|---|---|
${runs.flatMap((run) => run.results.flatMap((r) => ['bundles', 'contacts', 'dashboards'].map((k) => row(r, k)))).join('\n')}

Setting up (${runs.map((r) => `${r.results[0].backend}: records ${r.setup.records.toFixed(0)} s, staff ${r.setup.staff.toFixed(0)} s, ${r.setup.enrolments.toLocaleString('en')} enrolments over HTTP ${r.setup.enrolSeconds.toFixed(0)} s, first signing of every bundle ${r.setup.firstSignSeconds.toFixed(0)} s`).join('; ')}).
`);
process.exit(0);

// Two fep-hub processes on one PostgreSQL database behind one public URL, as a district runs them
// behind a proxy: a device's proof names the public URL, so any process may answer any request.
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { enrolledDevice, makeSchool, startHub, usePostgres } from '../hub/hub-client.mjs';

export const PUBLIC_URL = 'http://hub.district.test/';

export async function twoHubs() {
  const cluster = usePostgres();
  const school = makeSchool();
  const hubs = [];
  for (let i = 0; i < 2; i++) hubs.push(await startHub(school.data, ['--public-url', PUBLIC_URL]));
  const core = await loadNodeCore();
  return {
    cluster,
    school,
    core,
    hubs,
    /** A device of `account` (["--staff", ID] or ["--contact", ID]) enrolled through the first hub. */
    enrolled: (account) => enrolledDevice(hubs[0].url, school.data, account, { publicUrl: PUBLIC_URL }),
    stop: () => Promise.all(hubs.map((h) => h.stop())),
  };
}

export const claimsOf = (compact) => JSON.parse(Buffer.from(compact.split('.')[1], 'base64url').toString());

/**
 * Devices uploading pre-signed chains the way the widget's outbox does: two records per request, to
 * whichever hub `target(d)` names, resending whatever was not acknowledged after a failure (a refused
 * connection, a 503) until everything is acknowledged or `deadline` passes. Returns every answer's
 * status (or "network") for the test to inspect.
 */
export async function uploadAll(devices, target, { deadline = Date.now() + 30000, abortSome = false } = {}) {
  const statuses = [];
  await Promise.all(
    devices.map(async (d) => {
      d.acknowledged ??= new Set();
      while (Date.now() < deadline) {
        const pending = d.chain.filter((r) => !d.acknowledged.has(r.idem)).slice(0, 2);
        if (!pending.length) return;
        const body = { device: d.jwk, records: pending.map((r) => r.compact) };
        let response;
        try {
          // Some requests are cut by the client once sent: the hub may have stored them unanswered.
          const cut = abortSome && Math.random() < 0.2 ? { signal: AbortSignal.timeout(2) } : {};
          response = await d.call('POST', '/api/contact-log', { body, at: target(d), ...cut });
        } catch {
          statuses.push('network');
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        statuses.push(response.status);
        if (response.status !== 200) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        for (const r of response.json.results)
          if (r.status === 'accepted' || r.status === 'duplicate') d.acknowledged.add(r.idem);
      }
    }),
  );
  return statuses;
}

/** Per device: [rows, distinct idems, highest seq] in the database. */
export function storedChains(cluster, database, devices) {
  return devices.map((d) =>
    cluster
      .psql(
        `SELECT count(*), count(DISTINCT idem), coalesce(max(seq), 0) FROM contacts WHERE dev = '${d.kid}'`,
        database,
      )
      .split('|')
      .map(Number),
  );
}

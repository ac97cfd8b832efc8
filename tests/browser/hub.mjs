// A reference contact-log endpoint for tests (docs/contact-log.md, "Server rules"): drops records it
// holds (by idem), verifies the rest with the core, continuing each device's chain, and acknowledges
// every record by idem. It verifies with the same WebAssembly core (scripts/node-core.mjs).
export function createHub(core) {
  const state = { heads: new Map(), idems: new Set(), accepted: [], duplicates: 0 };
  function handler(request, response, body) {
    const { device, records } = JSON.parse(body);
    const results = [];
    const fresh = [];
    for (const compact of records) {
      const { idem } = JSON.parse(Buffer.from(compact.split('.')[1], 'base64url').toString());
      if (state.idems.has(idem)) {
        state.duplicates++;
        results.push({ idem, status: 'duplicate' });
      } else {
        fresh.push(compact);
      }
    }
    // Each device's chain apart: its public key names it (the JWK a device sends carries no kid).
    const key = device.x;
    let head = state.heads.get(key) ?? { seq: 0, hash: '' };
    try {
      const entries = core.verifyContactChain({ deviceJwk: device, records: fresh, start: head });
      entries.forEach((entry) => {
        state.idems.add(entry.idem);
        state.accepted.push(entry.idem);
        head = { seq: entry.seq, hash: entry.hash };
        results.push({ idem: entry.idem, status: 'accepted' });
      });
    } catch (error) {
      response.writeHead(409, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: error.code, head }));
      return;
    }
    state.heads.set(key, head);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ results, head }));
  }
  return { handler, state };
}

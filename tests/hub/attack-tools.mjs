// Raw-socket attacks for the hub's tests and its proxy's: each bounded in connections, bytes and time,
// aimed at 127.0.0.0/8 only (other loopback addresses stand for other clients).
import { connect } from 'node:net';

const LOOPBACK = /^127\./;

function openSocket(port, { host = '127.0.0.1', localAddress } = {}) {
  if (!LOOPBACK.test(host)) throw new Error(`attacks stay on loopback, not ${host}`);
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

// Splits a raw answer into its head (status line and headers) and body.
function split(buffer) {
  const text = buffer.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  return end < 0 ? { head: text, body: '' } : { head: text.slice(0, end), body: text.slice(end + 4) };
}

/**
 * Sends `text` as it is and reads until the server closes (10 s at most): {head, body, bytes}. Reading
 * stops at 16 MiB, so an amplifying server costs the test no more than that.
 */
export async function rawRequest(port, text, { host, timeout = 10_000 } = {}) {
  const socket = await openSocket(port, { host });
  const chunks = [];
  let total = 0;
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    chunks.push(chunk);
    total += chunk.length;
    if (total > 16 * 1024 * 1024) socket.destroy();
  });
  socket.write(text);
  await new Promise((resolve) => {
    socket.once('close', resolve);
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, timeout).unref();
  });
  return { ...split(Buffer.concat(chunks)), bytes: total };
}

/** A GET of `path` asking for `count` ranges ("bytes=0-,0-,..."): {requestBytes, head, bodyBytes, bytes}. */
export async function rangeFlood(port, path, count, { host } = {}) {
  const ranges = Array.from({ length: count }, () => '0-').join(',');
  const request = `GET ${path} HTTP/1.1\r\nHost: hub\r\nRange: bytes=${ranges}\r\nConnection: close\r\n\r\n`;
  const answer = await rawRequest(port, request, { host });
  return {
    requestBytes: request.length,
    head: answer.head,
    bodyBytes: Buffer.byteLength(answer.body, 'latin1'),
    bytes: answer.bytes,
  };
}

/**
 * POSTs a chunked body of 64 KiB chunks until the server answers or closes, or `maxBytes` are sent:
 * {status, sentBytes}.
 */
export async function chunkedFlood(port, path, { maxBytes, host } = {}) {
  const socket = await openSocket(port, { host });
  let answered = '';
  let closed = false;
  socket.on('data', (chunk) => (answered += chunk.toString('latin1')));
  socket.on('error', () => {});
  socket.on('close', () => (closed = true));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
  );
  const chunk = Buffer.from(`10000\r\n${'a'.repeat(0x10000)}\r\n`);
  let sent = 0;
  const deadline = Date.now() + 20_000;
  while (!answered && !closed && sent < maxBytes && Date.now() < deadline) {
    if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
    // A peer that reads and drops everything (nginx after its 413) never pushes back: without a turn of
    // the event loop here the answer would never be read, and the flood would run to maxBytes.
    else await new Promise((resolve) => setImmediate(resolve));
    sent += 0x10000;
  }
  const waitUntil = Date.now() + 5_000;
  while (!answered && !closed && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  const status = Number(answered.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
  return { status, sentBytes: sent };
}

// `count` connections spread over `addresses` loopback addresses (127.0.0.<firstAddress + k>).
async function many(port, count, { addresses, firstAddress, host }) {
  const sockets = [];
  for (let n = 0; n < count; n++) {
    const localAddress = `127.0.0.${firstAddress + (n % addresses)}`;
    try {
      const socket = await openSocket(port, { host, localAddress });
      socket.on('error', () => {});
      socket.closedAt = null;
      socket.on('close', () => (socket.closedAt = Date.now()));
      sockets.push(socket);
    } catch {
      // refused at connect: counts as not open
    }
  }
  return {
    sockets,
    open: () => sockets.filter((s) => s.closedAt === null).length,
    destroy: () => sockets.forEach((s) => s.destroy()),
    async closedWithin(ms) {
      const until = Date.now() + ms;
      while (sockets.some((s) => s.closedAt === null) && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

/** Connections that send nothing. `settle`: ms to wait for the server to close those it refuses. */
export async function idleSockets(port, count, { addresses = 1, firstAddress = 2, host, settle = 200 } = {}) {
  const group = await many(port, count, { addresses, firstAddress, host });
  await new Promise((resolve) => setTimeout(resolve, settle));
  return group;
}

/** Connections that start a request and send one more header byte every second, never finishing. */
export async function trickle(port, count, { addresses = 1, firstAddress = 2, host } = {}) {
  const group = await many(port, count, { addresses, firstAddress, host });
  for (const socket of group.sockets) socket.write('GET / HTTP/1.1\r\nHost: hub\r\nX-Slow: ');
  const timer = setInterval(() => {
    for (const socket of group.sockets) if (socket.closedAt === null) socket.write('a');
  }, 1000);
  timer.unref();
  const destroy = group.destroy;
  group.destroy = () => {
    clearInterval(timer);
    destroy();
  };
  return group;
}

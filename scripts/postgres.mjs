// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's server, a temporary folder, a free
// port on 127.0.0.1, trust authentication for local connections only, removed when the process exits.
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user (runuser).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const asRoot = process.getuid?.() === 0;

function serverBin() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => b - a) : [];
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL server not installed (Debian: postgresql; npm run setup installs it)');
  return found;
}

function owner() {
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Runs a server program as the cluster's owner; throws with its output when it fails. */
function runAsOwner(program, args, options = {}) {
  const command = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  const result = spawnSync(command[0], command[1], { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A port nothing listens on now. */
export function freePort() {
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})`,
    ],
    { encoding: 'utf8' },
  );
  return Number(result.stdout.trim());
}

/**
 * Starts a cluster (synchronously: tests' helpers are synchronous). Returns
 * { url(db), createDatabase(name) -> url, psql(sql, db) -> stdout, restart(), halt(), start(), stop(), dir, port }.
 * stop() removes the cluster; halt() and start() stop and start the server keeping its data.
 * `settings`: extra server settings (name -> value).
 */
export function startPostgres({ settings = {}, parent = tmpdir() } = {}) {
  const bin = serverBin();
  const dir = mkdtempSync(join(parent, 'fep-pg-'));
  if (asRoot) {
    const { uid, gid } = owner();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  runAsOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = freePort();
  const options = Object.entries({
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: 200,
    ...settings,
  })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const pgCtl = (...args) => runAsOwner(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = () => pgCtl('-w', '-l', join(dir, 'server.log'), '-o', options, 'start');
  start();
  const url = (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  let running = true;
  const stop = () => {
    if (!running) return;
    running = false;
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  const psql = (sql, db = 'postgres') => {
    const result = spawnSync('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url(db), '-c', sql], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
    return result.stdout.trim();
  };
  return {
    dir,
    port,
    url,
    psql,
    stop,
    createDatabase(name) {
      psql(`CREATE DATABASE "${name}"`);
      return url(name);
    },
    /** A fast shutdown and start again, as an administrator's restart does. */
    restart() {
      pgCtl('-w', '-m', 'fast', 'stop');
      start();
    },
    halt() {
      pgCtl('-w', '-m', 'fast', 'stop');
    },
    start,
    log: join(dir, 'server.log'),
  };
}

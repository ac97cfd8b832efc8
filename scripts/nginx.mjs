// Debian's nginx in front of hub processes, with the configuration a school ships
// (docs/deploy/nginx/limits.conf and proxy.conf, included as they are): for `npm run start:two-hubs`
// and the tests that attack the hub through its proxy. Everything lives in a temporary folder that
// stop() removes; nothing of the system's nginx is touched.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './serve.mjs';

const NGINX = '/usr/sbin/nginx';
const deploy = join(root, 'docs/deploy/nginx');

function mainConfig({ dir, port, upstreams }) {
  const temp = (name) => join(dir, name);
  return `# Made by scripts/nginx.mjs for a local run; the limits and the proxy settings are the shipped files.
daemon off;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include ${join(deploy, 'limits.conf')};
  upstream fep_hubs {
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 32;
    keepalive_timeout 5s; # as site.conf: shorter than the hub's 10 s
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      include ${join(deploy, 'proxy.conf')};
      # Which process answered (the demo and its tests show both take turns).
      add_header X-Fep-Hub $upstream_addr always;
    }
  }
}
`;
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts nginx on 127.0.0.1:`port` in front of the hubs on `upstreams` (ports); resolves to {url, stop()}. */
export async function startNginx({ port, upstreams }) {
  const dir = mkdtempSync(join(tmpdir(), 'fep-nginx-'));
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, name));
  const config = join(dir, 'nginx.conf');
  writeFileSync(config, mainConfig({ dir, port, upstreams }));
  const child = spawn(NGINX, ['-c', config, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const until = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      let log = '';
      try {
        log = readFileSync(join(dir, 'error.log'), 'utf8');
      } catch {
        // no log yet
      }
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

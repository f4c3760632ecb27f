// The extension's error handler, without VS Code: the client library's enums are all it needs from
// it, so they are given here with the library's values.

import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode-languageclient/node', () => ({
  ErrorAction: { Continue: 1, Shutdown: 2 },
  CloseAction: { DoNotRestart: 1, Restart: 2 },
}));

const { CrashLoggingErrorHandler } = await import('../client/src/crash-handler');

const CONTINUE = { action: 1 };
const SHUTDOWN = { action: 2 };

function handler(serverGone: boolean) {
  const lines: string[] = [];
  const output = { warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(`error: ${m}`) };
  const h = new CrashLoggingErrorHandler(output as never, () => 0, () => serverGone);
  // The library's default handler: a few errors are tolerated, then (or without a count) shut down.
  h.delegateTo({ error: (_e, _m, count) => (count && count <= 3 ? CONTINUE : SHUTDOWN), closed: () => ({ action: 2 }) });
  return { h, lines };
}

const channelClosed = Object.assign(new Error('Channel closed'), { code: 'ERR_IPC_CHANNEL_CLOSED' });

describe('crash handler', () => {
  it('does not shut the client down over writes to a server that has died (the close restarts it)', () => {
    const { h } = handler(true);
    for (const count of [1, 2, 3, 4, 5, undefined]) expect(h.error(new Error('write failed'), undefined, count)).toEqual(CONTINUE);
  });

  it('recognises a closed channel by its error even before the process is known to be gone', () => {
    const { h } = handler(false);
    expect(h.error(channelClosed, undefined, 4)).toEqual(CONTINUE);
    expect(h.error(channelClosed, undefined, undefined)).toEqual(CONTINUE);
  });

  it("leaves errors on a live connection to the library's rule: a few, then shut down", () => {
    const { h } = handler(false);
    expect(h.error(new Error('bad message'), undefined, 3)).toEqual(CONTINUE);
    expect(h.error(new Error('bad message'), undefined, 4)).toEqual(SHUTDOWN);
    expect(h.error(new Error('bad header'), undefined, undefined)).toEqual(SHUTDOWN);
  });

  it('logs each crash it restarts from', async () => {
    const { h, lines } = handler(true);
    expect(await h.closed()).toEqual({ action: 2 });
    expect(lines).toEqual(['warn: Termbridge language server crashed (1 of 4 in 3 minutes); restarting']);
  });
});

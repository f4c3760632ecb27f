// What happens when the language server dies unasked (killed, out of memory, a bug): the client
// library's default handler decides whether to start it again, and this one says so in the
// Termbridge output channel, where a person looking into a crash loop will look.

import type * as vscode from 'vscode';
import { CloseAction, type CloseHandlerResult, ErrorAction, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

/** What sending to a server process that has died fails with (over IPC) before it counts as gone. */
const GONE_CODES = new Set(['ERR_IPC_CHANNEL_CLOSED', 'EPIPE', 'ECONNRESET']);

/** Crashes restarted within CRASH_WINDOW_MS; the next one within it leaves the server stopped. */
export const MAX_CRASH_RESTARTS = 4;

/**
 * The default handler's window. It is fixed in the library, not an option: this copy only words
 * the log line, the decision stays with the library.
 */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

export const RESTART_COMMAND_TITLE = 'Termbridge: Restart Language Server';

export class CrashLoggingErrorHandler implements ErrorHandler {
  private delegate: ErrorHandler | undefined;
  private crashes: number[] = [];

  /** `serverGone`: whether the server process has exited or its channel to us has closed. */
  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly now: () => number = Date.now,
    private readonly serverGone: () => boolean = () => false,
  ) {}

  /**
   * The default handler is made by the client it belongs to, which needs this handler in its
   * options first; ServerConnection hands it over right after creating the client.
   */
  delegateTo(handler: ErrorHandler): void {
    this.delegate = handler;
  }

  // Errors on a live connection: the default tolerates a few, then shuts the connection down.
  // Errors because the server is gone are not that: writes to a killed server fail until the
  // library sees the connection close, and the default would count four of them (or one without a
  // count) as a reason to shut down, which stops the client for good instead of letting closed()
  // restart the server.
  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    if (this.serverGone() || GONE_CODES.has((error as NodeJS.ErrnoException)?.code ?? '')) return { action: ErrorAction.Continue };
    return this.defaultHandler().error(error, message, count);
  }

  // The library calls this only when the connection closed without being asked to stop, so every
  // call is a crash.
  async closed(): Promise<CloseHandlerResult> {
    const result = await this.defaultHandler().closed();
    const now = this.now();
    this.crashes = [...this.crashes.filter((t) => now - t <= CRASH_WINDOW_MS), now];
    const count = this.crashes.length;
    if (result.action === CloseAction.Restart) {
      this.output.warn(`Termbridge language server crashed (${count} of ${MAX_CRASH_RESTARTS} in 3 minutes); restarting`);
    } else {
      this.output.error(
        `Termbridge language server crashed (${count} times in 3 minutes); not restarting again: use '${RESTART_COMMAND_TITLE}'`,
      );
    }
    return result;
  }

  private defaultHandler(): ErrorHandler {
    if (!this.delegate) throw new Error('CrashLoggingErrorHandler used before delegateTo()');
    return this.delegate;
  }
}

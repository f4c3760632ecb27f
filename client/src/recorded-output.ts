// The Termbridge output channel, with the last lines written to it kept in memory. What the
// extension and the client library log (crashes, restarts, state changes) is otherwise only
// visible in the workbench's Output view, which tests cannot read.

import * as vscode from 'vscode';

/** Enough for a crash loop and the restarts around it; older lines are dropped. */
export const RECORDED_LINES = 500;

export class RecordedOutputChannel implements vscode.LogOutputChannel {
  private readonly recorded: string[] = [];

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** The recorded lines, oldest first, as `level: message`. */
  lines(): readonly string[] {
    return [...this.recorded];
  }

  get name(): string {
    return this.channel.name;
  }

  // The client library reads the level to decide how much to trace; it must see the real one.
  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.channel.onDidChangeLogLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.record(vscode.LogLevel.Trace, 'trace', message);
    this.channel.trace(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.record(vscode.LogLevel.Debug, 'debug', message);
    this.channel.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.record(vscode.LogLevel.Info, 'info', message);
    this.channel.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.record(vscode.LogLevel.Warning, 'warning', message);
    this.channel.warn(message, ...args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.record(vscode.LogLevel.Error, 'error', typeof error === 'string' ? error : error.message);
    this.channel.error(error, ...args);
  }

  append(value: string): void {
    this.record(vscode.LogLevel.Info, 'append', value);
    this.channel.append(value);
  }

  appendLine(value: string): void {
    this.record(vscode.LogLevel.Info, 'append', value);
    this.channel.appendLine(value);
  }

  replace(value: string): void {
    this.record(vscode.LogLevel.Info, 'replace', value);
    this.channel.replace(value);
  }

  clear(): void {
    this.channel.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.channel.hide();
  }

  dispose(): void {
    this.channel.dispose();
  }

  /** Only what the channel itself would show at its current level, so the record matches the view. */
  private record(level: vscode.LogLevel, label: string, message: string): void {
    const threshold = this.channel.logLevel;
    if (threshold === vscode.LogLevel.Off || level < threshold) return;
    this.recorded.push(`${label}: ${message}`);
    if (this.recorded.length > RECORDED_LINES) this.recorded.splice(0, this.recorded.length - RECORDED_LINES);
  }
}

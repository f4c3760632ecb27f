// The client-side reads of `termbridge.*` settings. The server reads its own settings (glossary,
// rules) per document through workspace/configuration.

import * as vscode from 'vscode';

export const SECTION = 'termbridge';

/** The language ids the client attaches to. */
export function configuredLanguages(): string[] {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('languages', ['markdown']);
  // Settings files are hand-edited: keep only strings rather than trusting the schema.
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : ['markdown'];
}

export function underlineKnownTerms(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('underlineKnownTerms', true) !== false;
}

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

/**
 * What the server gets for the `termbridge` section: the settings, plus two facts only the client
 * knows — whether the workspace is trusted, and whether `glossary` comes from the user's own
 * settings (then its globs may reach outside the workspace folder; a workspace's may not).
 */
export function withClientFacts(value: unknown, scopeUri: string | undefined): unknown {
  if (!value || typeof value !== 'object') return value;
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const glossary = vscode.workspace.getConfiguration(SECTION, scope).inspect<string[]>('glossary');
  const glossaryFromUser =
    !!glossary?.globalValue?.length && glossary.workspaceValue === undefined && glossary.workspaceFolderValue === undefined;
  return { ...(value as object), trusted: vscode.workspace.isTrusted, glossaryFromUser };
}

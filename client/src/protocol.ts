// The Termbridge-specific part of the protocol between this client and the language server.
// Method names and shapes must match server/src/lsp exactly; everything else is plain LSP.

import { NotificationType, RequestType, type Range } from 'vscode-languageclient/node';

export interface FolderStatus {
  /** The workspace folder's URI. */
  uri: string;
  /** How many terms the folder's glossary defines. */
  terms: number;
  /** Findings in the glossary files themselves (duplicates, bad headings, ...). */
  glossaryErrors: number;
  /** True when the folder has no glossary of its own and the bundled starter glossary is used. */
  bundled: boolean;
  /** URIs of the glossary files in use. */
  glossaryFiles: string[];
}

export interface StatusParams {
  folders: FolderStatus[];
}

export interface TermRangesParams {
  uri: string;
  /** The document version the spans were computed for; null when unknown. */
  version: number | null;
  /**
   * Four numbers per known term, 0-based: start line, start character, end line, end character
   * (UTF-16). Flat, as a big document has thousands and they are sent after every edit.
   */
  spans: number[];
}

export interface TermInfo {
  name: string;
  aliases: string[];
  context?: string;
  business?: string;
  it?: string;
  owner?: string;
  /** Where the term's heading is. */
  uri: string;
  range: Range;
}

export interface AddTermArgs {
  word: string;
  glossaryUri?: string;
  documentUri?: string;
}

/** The heading the server inserted, or null when it added nothing. */
export type AddTermResult = { uri: string; range: Range } | null;

export const StatusNotification = new NotificationType<StatusParams>('termbridge/status');
export const TermRangesNotification = new NotificationType<TermRangesParams>('termbridge/termRanges');
export const TermsRequest = new RequestType<Record<string, never>, TermInfo[], void>('termbridge/terms');

/** Run through workspace/executeCommand; the server applies the edit itself. */
export const ADD_TERM_SERVER_COMMAND = 'termbridge.server.addTerm';

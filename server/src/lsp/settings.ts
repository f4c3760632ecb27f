// Settings come from the client per document (`workspace/configuration`, section `termbridge`) and
// are laid over the folder's `.termbridge.json`, so the CLI and the editor agree unless the user says
// otherwise in the editor.

import type { RuleId, RuleSetting } from '../engine';
import type { Config } from '../workspace/config';

export interface EditorSettings {
  glossary?: string[];
  /**
   * Set by the VS Code client when `glossary` comes from the user's own settings, not the
   * workspace's: only then may its globs reach outside the workspace folder.
   */
  glossaryFromUser?: boolean;
  /** False in an untrusted workspace (VS Code's Restricted Mode): only read-only features run. */
  trusted?: boolean;
  languages?: string[];
  rules?: Partial<Record<RuleId, RuleSetting>>;
  underlineKnownTerms?: boolean;
  rename?: { keepOldNameAsAvoided?: boolean };
}

export const DEFAULT_LANGUAGES = ['markdown'];

export function effectiveConfig(file: Config, settings: EditorSettings): Config {
  return {
    ...file,
    glossary: settings.glossary?.length ? settings.glossary : file.glossary,
    rules: { ...file.rules, ...(settings.rules ?? {}) },
  };
}

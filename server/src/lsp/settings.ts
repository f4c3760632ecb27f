// Settings come from the client per document (`workspace/configuration`, section `termbridge`) and
// are laid over the folder's `.termbridge.json`, so the CLI and the editor agree unless the user says
// otherwise in the editor.

import type { RuleId, RuleSetting } from '../engine';
import type { Config } from '../workspace/config';

export interface EditorSettings {
  glossary?: string[];
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

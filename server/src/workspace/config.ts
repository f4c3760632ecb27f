// `.termbridge.json`: one configuration file for the CLI and the editor, found by walking up from
// where linting starts. Validated strictly, so a typo is an error with the file named, not silence.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RuleId, RuleSetting } from '../engine';
import { DOCUMENT_RULES } from '../engine';
import { UsageError } from './errors';
import { checkWorkspaceGlobs } from './globs';

export const CONFIG_FILE = '.termbridge.json';
export const DEFAULT_GLOSSARY = ['glossary/**/*.md'];
export const DEFAULT_INCLUDE = ['**/*.md', '**/*.markdown'];

export interface Config {
  glossary: string[];
  include: string[];
  exclude: string[];
  ignore: string[];
  rules: Partial<Record<RuleId, RuleSetting>>;
}

export interface LoadedConfig {
  config: Config;
  /** The workspace root: the config file's folder, or where the search started. */
  root: string;
  /** The file it came from, when there is one. */
  file?: string;
  /** Whether `glossary` was given explicitly (then an empty match is an error, not a fallback). */
  glossaryExplicit: boolean;
}

export const RULE_IDS: RuleId[] = [
  ...(Object.keys(DOCUMENT_RULES) as RuleId[]),
  'glossary-duplicate',
  'glossary-avoid-conflict',
  'glossary-missing-field',
  'glossary-unknown-see-also',
  'glossary-bad-heading',
];
const SETTINGS = new Set(['off', 'info', 'warning', 'error']);
const KEYS = new Set(['$schema', 'glossary', 'include', 'exclude', 'ignore', 'rules']);

export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Without a config file the workspace root is `fallbackRoot` (the current folder). */
export function loadConfig(startDir: string, explicitFile?: string, fallbackRoot = startDir): LoadedConfig {
  const file = explicitFile ? resolve(explicitFile) : findConfig(startDir);
  if (!file) return { config: defaultConfig(), root: resolve(fallbackRoot), glossaryExplicit: false };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  const { config, glossaryExplicit } = parseConfig(text, file);
  return { config, root: dirname(file), file, glossaryExplicit };
}

export function parseConfig(text: string, file: string): { config: Config; glossaryExplicit: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`invalid JSON in ${file}: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KEYS.has(key)) throw new UsageError(`${file}: unknown key '${key}' (known: ${[...KEYS].slice(1).join(', ')})`);
  }
  const config = defaultConfig();
  const list = (key: 'glossary' | 'include' | 'exclude' | 'ignore'): void => {
    const v = obj[key];
    if (v === undefined) return;
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items) || !items.every((x) => typeof x === 'string')) {
      throw new UsageError(`${file}: '${key}' must be a string or an array of strings`);
    }
    config[key] = items;
  };
  list('glossary');
  list('include');
  list('exclude');
  list('ignore');
  checkWorkspaceGlobs([...config.glossary, ...config.include], file);
  if (obj.rules !== undefined) {
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) {
      throw new UsageError(`${file}: 'rules' must be an object like {"undefined-acronym": "off"}`);
    }
    for (const [id, setting] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!RULE_IDS.includes(id as RuleId)) throw new UsageError(`${file}: unknown rule '${id}' (known: ${RULE_IDS.join(', ')})`);
      if (typeof setting !== 'string' || !SETTINGS.has(setting)) {
        throw new UsageError(`${file}: rule '${id}' must be "off", "info", "warning" or "error"`);
      }
      config.rules[id as RuleId] = setting as RuleSetting;
    }
  }
  return { config, glossaryExplicit: obj.glossary !== undefined };
}

export function defaultConfig(): Config {
  return { glossary: [...DEFAULT_GLOSSARY], include: [...DEFAULT_INCLUDE], exclude: [], ignore: [], rules: {} };
}

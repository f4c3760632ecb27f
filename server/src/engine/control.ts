// Inline control comments in documents:
//   <!-- termbridge-disable-next-line [rule ...] -->
//   <!-- termbridge-disable [rule ...] -->  ...  <!-- termbridge-enable [rule ...] -->
//   <!-- termbridge-ignore WORD [WORD ...] -->
// Without rule ids, disable/enable apply to every rule.

import type { Comment } from './markdown/blocks';
import type { Finding } from './types';

interface Suppression {
  start: number;
  end: number;
  /** Empty: every rule. */
  rules: Set<string>;
}

export interface Control {
  suppressions: Suppression[];
  ignoredWords: string[];
}

export function readControl(text: string, comments: Comment[]): Control {
  const control: Control = { suppressions: [], ignoredWords: [] };
  const open = new Map<string, number>(); // rule ('' = all) -> where its disable started
  for (const comment of comments) {
    const m = /^termbridge-(disable-next-line|disable|enable|ignore)\b\s*([\s\S]*)$/.exec(comment.body);
    if (!m) continue;
    const args = m[2].split(/[\s,]+/).filter(Boolean);
    switch (m[1]) {
      case 'ignore':
        control.ignoredWords.push(...args);
        break;
      case 'disable-next-line': {
        const lineStart = nextLineStart(text, comment.end);
        control.suppressions.push({ start: lineStart, end: lineEnd(text, lineStart), rules: new Set(args) });
        break;
      }
      case 'disable':
        for (const rule of args.length ? args : ['']) if (!open.has(rule)) open.set(rule, comment.end);
        break;
      case 'enable':
        for (const rule of args.length ? args : [...open.keys()]) {
          const start = open.get(rule);
          if (start === undefined) continue;
          control.suppressions.push({ start, end: comment.start, rules: new Set(rule ? [rule] : []) });
          open.delete(rule);
        }
        break;
    }
  }
  for (const [rule, start] of open) {
    control.suppressions.push({ start, end: text.length, rules: new Set(rule ? [rule] : []) });
  }
  return control;
}

export function isSuppressed(finding: Finding, control: Control): boolean {
  return control.suppressions.some(
    (s) => finding.start >= s.start && finding.start < s.end && (s.rules.size === 0 || s.rules.has(finding.code)),
  );
}

function nextLineStart(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

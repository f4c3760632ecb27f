// Which glossary files a failed index build is shown on. The engine is not expected to throw on any
// text (the property tests try), so a failure is a bug met on some input, and the user can only work
// around it in the file that triggers it: the files that fail when built on their own are blamed;
// when none does (it takes several together), all of them are.

import { buildGlossary, type GlossarySource } from '../engine';
import { testFaultOnBuild } from './test-faults';

export function blame(sources: GlossarySource[]): GlossarySource[] {
  const alone = sources.filter((source) => {
    try {
      testFaultOnBuild([source.text]);
      buildGlossary([source]);
      return false;
    } catch {
      return true;
    }
  });
  return alone.length ? alone : sources;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

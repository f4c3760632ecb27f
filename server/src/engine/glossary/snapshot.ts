// A built glossary as plain JSON-ready data, and back. Building an index from parsed sections costs
// far more than reading it back (tokenising every name, the glossary checks, slugs), so callers
// that keep an index between runs store this snapshot; the trie is stored as its paths of words.

import type { Finding, Term } from '../types';
import { WordTable } from '../words';
import type { Glossary } from './build';
import type { TrieEntry, TrieNode } from './trie';

export interface GlossarySnapshot {
  terms: Term[];
  /** Per glossary file: path, slugs of its term headings, its findings. */
  files: [string, string[], Finding[]][];
  /** Every trie node with entries: the lower-cased words leading to it, and its entries. */
  paths: [string[], TrieEntry[]][];
  byName: [string, number[]][];
}

export function toSnapshot(glossary: Glossary): GlossarySnapshot {
  const paths: [string[], TrieEntry[]][] = [];
  const walk = (node: TrieNode, keys: string[]): void => {
    if (node.entries) paths.push([keys, node.entries]);
    for (const [id, child] of node.next ?? []) walk(child, [...keys, glossary.words.keyOf(id)]);
  };
  walk(glossary.trie, []);
  return {
    terms: glossary.terms,
    files: [...glossary.findings].map(([path, findings]) => [path, [...(glossary.slugsByFile.get(path) ?? [])], findings]),
    paths,
    byName: [...glossary.byName],
  };
}

export function fromSnapshot(snapshot: GlossarySnapshot): Glossary {
  const words = new WordTable();
  const trie: TrieNode = {};
  for (const [keys, entries] of snapshot.paths) {
    let node = trie;
    for (const key of keys) {
      const id = words.id(key);
      node.next ??= new Map();
      let child = node.next.get(id);
      if (!child) node.next.set(id, (child = {}));
      node = child;
    }
    node.entries = entries;
  }
  return {
    terms: snapshot.terms,
    trie,
    words,
    byName: new Map(snapshot.byName),
    slugsByFile: new Map(snapshot.files.map(([path, slugs]) => [path, new Set(slugs)])),
    findings: new Map(snapshot.files.map(([path, , findings]) => [path, findings])),
  };
}

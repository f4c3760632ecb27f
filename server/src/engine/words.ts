// Word ids for the matcher. Every word that occurs in a glossary name, alias or avoided name gets an
// id; a document's words are looked up straight from the text's character codes, so the words that
// name no term (nearly all of them) cost a hash and no allocation at all.

/** FNV-1a, 32 bits. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export class WordTable {
  private readonly byKey = new Map<string, number>();
  // Open addressing over ASCII keys: slot -> id + 1 (0 = empty), and the key's hash in the same
  // slot, so that a probe compares numbers and reads a key's characters only on a likely hit.
  // At most a quarter full: nearly every document word is a miss, ended by the first empty slot.
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The lower-cased word an id stands for. */
  keyOf(id: number): string {
    return this.keys[id];
  }

  /** The id of a lower-cased word, added when new. */
  id(key: string): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(key);
    this.byKey.set(key, id);
    if (isAscii(key)) {
      if ((this.keys.length + 1) * 4 > this.slots.length) this.rehash();
      this.place(key, id);
    }
    return id;
  }

  /**
   * The id of text[start, end) lower-cased, followed by `extra` (a char code) when given: -1 when
   * the word is in no term. `extra` serves singular forms like `companies` -> `company`.
   */
  find(text: string, start: number, end: number, extra = -1): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0x80) return this.findSlow(text, start, end, extra);
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    if (extra >= 0) hash = Math.imul(hash ^ extra, FNV_PRIME);
    return this.probe(hash, text, start, end, extra);
  }

  /**
   * `find` for an ASCII word whose hash the caller worked out while reading it (the tokeniser
   * does, so a document's characters are read once): `hash` is FNV-1a over the lower-cased codes.
   */
  findHashed(hash: number, text: string, start: number, end: number): number {
    return this.probe(hash, text, start, end, -1);
  }

  private probe(hash: number, text: string, start: number, end: number, extra: number): number {
    const length = end - start + (extra >= 0 ? 1 : 0);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.hashes[slot] !== hash) continue;
      const key = this.keys[entry - 1];
      if (key.length === length && sameWord(key, text, start, end, extra)) return entry - 1;
    }
  }

  private findSlow(text: string, start: number, end: number, extra: number): number {
    const key = text.slice(start, end).toLowerCase().replace(/\u2019/g, "'") + (extra >= 0 ? String.fromCharCode(extra) : '');
    return this.byKey.get(key) ?? -1;
  }

  private place(key: string, id: number): void {
    let hash = FNV_OFFSET;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
    this.hashes[slot] = hash;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.hashes = new Int32Array(this.slots.length);
    this.keys.forEach((key, id) => {
      if (isAscii(key)) this.place(key, id);
    });
  }
}

function sameWord(key: string, text: string, start: number, end: number, extra: number): boolean {
  const n = end - start;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (key.charCodeAt(i) !== c) return false;
  }
  return extra < 0 || key.charCodeAt(n) === extra;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

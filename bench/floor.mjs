// The "read-and-tokenise floor": the least work any Markdown linter must do
// (find the files, read and decode them, split them into words). Run as its
// own process so its wall-clock time includes Node start-up, like the CLI's.
//
//   node bench/floor.mjs <folder>   ->  {"files","bytes","tokens","ms"}
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORD_CHAR = /[\p{L}\p{N}]/u;

// Counts runs of letters/digits. ASCII is classified with a charCode test;
// only the rare non-ASCII character pays for the Unicode regex.
function countTokens(text) {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = c < 128
      ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
      : WORD_CHAR.test(text[i]);
    if (word && !inWord) tokens++;
    inWord = word;
  }
  return tokens;
}

function markdownFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(path, out);
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(path);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/floor.mjs <folder>');
  process.exit(2);
}
const started = process.hrtime.bigint();
let bytes = 0;
let tokens = 0;
const files = markdownFiles(dir);
for (const file of files) {
  const buf = readFileSync(file);
  bytes += buf.length;
  tokens += countTokens(buf.toString('utf8'));
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ files: files.length, bytes, tokens, ms: Math.round(ms * 10) / 10 }));

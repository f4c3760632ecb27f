// The engine's public surface. Nothing under engine/ imports LSP, VS Code or Node's file system:
// plain data and offsets in, findings out.

export { buildGlossary, findTerms, nameKey, type Glossary } from './glossary/build';
export { fromSnapshot, type GlossarySnapshot, toSnapshot } from './glossary/snapshot';
export {
  addParsedSections,
  cachedSections,
  forgetSections,
  githubSlug,
  type GlossarySource,
  type ParsedSection,
  parseSections,
  primeSections,
  type SectionHandOff,
  sectionsToParse,
  takeParseCount,
} from './glossary/parse';
export {
  analyseDocument,
  configureFindings,
  DOCUMENT_RULES,
  type DocumentAnalysis,
  lintDocument,
  type LintOptions,
} from './lint';
export type { DocumentMatch } from './match';
export { applyEdits, safeEdits } from './fix';
export { BlockMemo } from './read-document';
export { LineIndex, type Position } from './positions';
export { scanProse, type DocumentKind, type ProseScan } from './markdown/prose';
export { suggestTerms } from './suggest';
export * from './types';
export { sensesOf } from './rules/document-context';

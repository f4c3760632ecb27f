/** A problem with how Termbridge was asked to run (usage, configuration, glossary loading): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

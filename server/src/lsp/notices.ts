// Messages about a state that lasts (a broken configuration, an unreadable glossary file, a failed
// index build). Every reload while the state lasts would pop the same message up again, on each
// glossary edit or settings change: each is shown once per distinct text instead, and again only
// when its text changes, or when the state ended (`undefined`) and came back.

import { MessageType } from 'vscode-languageserver';

export class Notices {
  private readonly shown = new Map<string, string>();

  constructor(private readonly show: (type: MessageType, message: string) => void) {}

  /** `key` names the state (per folder); `message` undefined: it ended. */
  set(key: string, type: MessageType, message: string | undefined): void {
    if (message === undefined) {
      this.shown.delete(key);
      return;
    }
    if (this.shown.get(key) === message) return;
    this.shown.set(key, message);
    this.show(type, message);
  }
}

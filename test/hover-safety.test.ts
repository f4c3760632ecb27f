// Glossary text reaches every teammate's editor with a `git pull`: what a hover shows of it must not
// be able to run commands, open files, load remote content or inject HTML.

import { describe, expect, it } from 'vitest';
import { safe } from '../server/src/lsp/features/hover';

describe('glossary Markdown in hovers', () => {
  it.each([
    ['a command link', 'Click [here](command:workbench.action.terminal.new) now', 'Click [here] now'],
    ['a command link in angle brackets', 'See [docs](<command:x.y>)', 'See [docs]'],
    ['a file link', 'See [secrets](file:///etc/passwd)', 'See [secrets]'],
    ['a remote image', 'Logo ![tracker](https://evil.example/pixel.png) here', 'Logo tracker here'],
    ['a reference image', 'Logo ![tracker][img]', 'Logo tracker'],
    ['raw HTML', '<img src="https://evil.example/x.png"> <script>alert(1)</script>', '&lt;img src="https://evil.example/x.png"> &lt;script>alert(1)&lt;/script>'],
    ['an autolink to a command', 'Go <command:evil>', 'Go &lt;command:evil>'],
  ])('neutralises %s', (_, input, expected) => {
    expect(safe(input)).toBe(expected);
  });

  it('keeps ordinary Markdown and web links', () => {
    expect(safe('The `orders` table, **bold**, [spec](https://example.com/spec)')).toBe(
      'The `orders` table, **bold**, [spec](https://example.com/spec)',
    );
  });
});

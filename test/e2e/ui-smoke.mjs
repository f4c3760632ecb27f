// UI smoke tests: what a person sees in the workbench, driven with the keyboard as a person would
// (Ctrl+P, Ctrl+G, Ctrl+K Ctrl+I, Ctrl+Shift+M, Ctrl+.), checked by reading the rendered widgets.
// Runs in a fresh page of code-server with the installed extension and a copy of the fixture
// workspace; saves a screenshot per step (and one of any failure) into `screenshots`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const STEP_TIMEOUT_MS = 30_000;
const BRIEF = 'campaign-brief.md';

/** 1-based line and column of `needle` (plus `offset`) in a file, as Ctrl+G takes them. */
function lineCol(file, needle, offset = 0) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`'${needle}' is not in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 + offset, text: lines[line] };
}

/** Editor lines as rendered (Monaco uses no-break spaces). */
async function renderedLines(page) {
  const lines = await page.locator('.editor-instance .view-lines .view-line').allInnerTexts();
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/** The text the editor shows beside line number `n`, read as a person reads it: by position. */
async function renderedLine(page, n) {
  const number = page.locator('.editor-instance .margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^\\s*${n}\\s*$`) });
  const box = await number.first().boundingBox();
  if (!box) throw new Error(`line number ${n} is not on screen`);
  for (const line of await page.locator('.editor-instance .view-lines .view-line').all()) {
    const b = await line.boundingBox();
    if (b && Math.abs(b.y - box.y) < box.height / 2) return (await line.innerText()).replace(/\u00a0/g, ' ');
  }
  throw new Error(`no editor line beside line number ${n}`);
}

export async function runUiSmoke({ context, baseUrl, workspace, screenshots, log }) {
  const brief = join(workspace, 'docs', BRIEF);
  const glossary = readFileSync(join(workspace, 'glossary', 'metrics.md'), 'utf8');
  const terms = (glossary.match(/^## /gm) ?? []).length + (readFileSync(join(workspace, 'glossary', 'platforms.md'), 'utf8').match(/^## /gm) ?? []).length;
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const statusBar = page.locator('.part.statusbar');
  const focusedEditor = page.locator('.editor-instance .monaco-editor.focused');
  const quickFixMenu = page.locator('.action-widget');

  const goTo = async ({ line, column }) => {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await statusBar.getByText(`Ln ${line}, Col ${column}`, { exact: true }).waitFor();
    // The status bar moves before the quick input hands the keyboard back to the editor; a key
    // pressed in between goes to the workbench. Wait until the editor itself has the focus.
    await focusedEditor.waitFor();
  };

  /**
   * Ctrl+. and the quick-fix menu entry `title`. Now and then the workbench shows no menu for the
   * first Ctrl+. (seen in CI and once here, the second press always opened it), and a person
   * presses it again. So do we, up to three times, noting what each try showed.
   */
  const openQuickFix = async (title) => {
    const fix = quickFixMenu.locator('.monaco-list-row', { hasText: title });
    const seen = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: 10_000 });
        return fix;
      } catch {
        const rows = await quickFixMenu.locator('.monaco-list-row').allInnerTexts().catch(() => []);
        const hint = await page.locator('.monaco-editor-overlaymessage').allInnerTexts().catch(() => []);
        seen.push(`try ${attempt}: menu ${JSON.stringify(rows)}, message ${JSON.stringify(hint)}`);
        await page.keyboard.press('Escape');
        await focusedEditor.waitFor();
      }
    }
    throw new Error(`no quick fix '${title}' after three tries of Ctrl+.:\n${seen.join('\n')}`);
  };

  const steps = [
    [
      'opens the brief with Ctrl+P',
      async () => {
        await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
        await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
        await statusBar.waitFor();
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await page.keyboard.type(BRIEF);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: BRIEF }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active', { hasText: BRIEF }).waitFor();
        await page.locator('.editor-instance .view-lines', { hasText: 'Spring campaign brief' }).waitFor();
      },
    ],
    [
      `the status bar shows the glossary: ${terms} terms`,
      async () => {
        // Appears once the language server has indexed the glossary.
        const item = statusBar.getByText(new RegExp(`\\b${terms} terms\\b`));
        await item.waitFor({ timeout: 60_000 });
        const text = (await item.innerText()).trim();
        if (/error/i.test(text)) throw new Error(`status bar item reports glossary errors: '${text}'`);
      },
    ],
    [
      'hovering a term (Ctrl+K Ctrl+I) shows its business and IT meanings',
      async () => {
        // Wait for the findings first: the server has analysed the document by then.
        await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 60_000 });
        await goTo(lineCol(brief, 'CAC', 1));
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:visible', { hasText: 'Customer Acquisition Cost' });
        await hover.waitFor();
        const text = (await hover.innerText()).replace(/\s+/g, ' ');
        for (const expected of [
          'Business: What it costs, on average, to win one new paying customer.',
          'IT: Computed in the warehouse from marketing_spend and customers.first_order_at.',
          'Owner: Marketing Operations',
        ]) {
          if (!text.includes(expected)) throw new Error(`the hover lacks '${expected}'; it reads: ${text}`);
        }
        await page.screenshot({ path: join(screenshots, 'hover.png') });
        await page.keyboard.press('Escape');
      },
    ],
    [
      'the Problems panel (Ctrl+Shift+M) lists the findings',
      async () => {
        await page.keyboard.press('Control+Shift+M');
        const panel = page.locator('.markers-panel');
        await panel.waitFor();
        const expected = [
          "Avoid 'cost per customer': the glossary's word is 'Customer Acquisition Cost'.",
          "'ROAS' is not in the glossary and is not spelled out in this document.",
          "'[[Customer Lifetme Value]]' names no term in the glossary.",
          "'SQL' has 2 meanings",
          "Avoid 'target group': the glossary's word is 'Audience'.",
        ];
        for (const message of expected) await panel.locator('.monaco-list-row', { hasText: message }).first().waitFor();
        const rows = (await panel.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
        log(`Problems panel:\n    ${rows.join('\n    ')}`);
        if (!rows.some((r) => r.includes(BRIEF))) throw new Error(`the Problems panel does not name ${BRIEF}: ${JSON.stringify(rows)}`);
        await page.screenshot({ path: join(screenshots, 'problems.png') });
      },
    ],
    [
      "Ctrl+. on an avoided term offers and applies \"Replace with 'Customer Acquisition Cost'\"",
      async () => {
        await page.keyboard.press('Control+1'); // back to the editor
        const target = lineCol(brief, 'cost per customer', 2);
        await goTo(target);
        const fix = await openQuickFix("Replace with 'Customer Acquisition Cost'");
        await page.screenshot({ path: join(screenshots, 'quick-fix.png') });
        await fix.click();
        const fixed = "Lower the Customer Acquisition Cost by a tenth and keep the CAC below last year's.";
        await page.locator('.editor-instance .view-line', { hasText: 'Lower the Customer Acquisition Cost' }).waitFor();
        const shown = await renderedLine(page, target.line);
        if (shown !== fixed) throw new Error(`line ${target.line} reads '${shown}', expected '${fixed}'`);
        const lines = await renderedLines(page);
        if (lines.some((l) => l.includes('cost per customer'))) throw new Error(`'cost per customer' is still in the editor: ${JSON.stringify(lines)}`);
        // The finding leaves the Problems panel.
        await page.locator('.markers-panel .monaco-list-row', { hasText: "Avoid 'cost per customer'" }).waitFor({ state: 'detached' });
        await page.screenshot({ path: join(screenshots, 'after-quick-fix.png') });
      },
    ],
    [
      "the hover's 'Open in the glossary' link opens the glossary at the entry",
      async () => {
        await page.keyboard.press('Control+1');
        await goTo(lineCol(brief, 'CTR', 1));
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:visible', { hasText: 'Click-Through Rate' });
        await hover.waitFor();
        await hover.getByText('Open in the glossary').click();
        await page.locator('.tabs-container .tab.active', { hasText: 'metrics.md' }).waitFor();
        // The link carries `#L<line>` of the heading, so the cursor lands on the entry.
        const heading = lineCol(join(workspace, 'glossary', 'metrics.md'), '## Click-Through Rate');
        await statusBar.getByText(new RegExp(`^Ln ${heading.line}, Col \\d+$`)).waitFor();
      },
    ],
  ];

  const result = { ran: true, passed: 0, failed: 0, skipped: 0, ok: true };
  for (const [i, [name, step]] of steps.entries()) {
    if (!result.ok) {
      console.log(`  - ${name} (skipped: an earlier step failed)`);
      result.skipped++;
      continue;
    }
    const t = Date.now();
    try {
      await step();
      console.log(`  ✔ ${name} (${Date.now() - t} ms)`);
      result.passed++;
    } catch (e) {
      const shot = join(screenshots, `failed-step-${i + 1}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(`  ✖ ${name}\n      ${String(e instanceof Error ? e.message : e).split('\n').join('\n      ')}\n      screenshot: ${shot}`);
      result.failed++;
      result.ok = false;
    }
  }
  await page.close().catch(() => {});
  return result;
}

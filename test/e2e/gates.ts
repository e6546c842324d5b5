/**
 * The screen gates of issue 11, run in a real page: axe-core's contrast and name/role rules, 44 px tap
 * targets, text boxes that overprint each other, sideways page scroll, and the errors a page logs. Each
 * check returns findings worded so a failure says which element, what it reads and by how much it misses.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface Finding {
  gate: 'axe' | 'target' | 'overlap' | 'scroll' | 'error';
  /** axe rule id, or the gate's own name: used to count findings per rule. */
  rule: string;
  message: string;
}

/**
 * axe rules the gate runs: contrast and every rule about an element's accessible name or role. Layout rules
 * (regions, landmarks, headings order) are left to the boards' own tests.
 */
export const AXE_RULES = [
  'color-contrast',
  'button-name',
  'link-name',
  'label',
  'select-name',
  'input-button-name',
  'image-alt',
  'aria-allowed-attr',
  'aria-allowed-role',
  'aria-command-name',
  'aria-conditional-attr',
  'aria-deprecated-role',
  'aria-hidden-focus',
  'aria-input-field-name',
  'aria-meter-name',
  'aria-progressbar-name',
  'aria-prohibited-attr',
  'aria-required-attr',
  'aria-required-children',
  'aria-required-parent',
  'aria-roles',
  'aria-toggle-field-name',
  'aria-tooltip-name',
  'aria-valid-attr',
  'aria-valid-attr-value',
  'nested-interactive',
];

let axeSource: Promise<string> | undefined;

/** axe-core's browser bundle, read once per run and evaluated in the page (not a script tag: the app's CSP). */
function axeScript(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeScript());
  const violations = await page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary ?? '',
        data: n.any.find((c) => c.data && typeof c.data === 'object')?.data as
          | { contrastRatio?: number; expectedContrastRatio?: string; fgColor?: string; bgColor?: string }
          | undefined,
      })),
    }));
  }, AXE_RULES);
  return violations.flatMap((v) =>
    v.nodes.map((n) => ({
      gate: 'axe' as const,
      rule: v.id,
      message:
        `${v.id}: ${n.target} ${clip(n.html)} ` +
        (n.data?.contrastRatio !== undefined
          ? `contrast ${n.data.contrastRatio}:1 < ${n.data.expectedContrastRatio} (${n.data.fgColor} on ${n.data.bgColor})`
          : `${v.help}; ${clip(n.summary.replace(/\s+/g, ' '), 200)}`),
    })),
  );
}

function clip(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface LayoutReport {
  small: string[];
  overlaps: string[];
  scrollWidth: number;
  viewportWidth: number;
}

/**
 * Tap targets, overprinted text and page width, measured in one pass in the page. `overlap` is false where
 * the gate does not ask for it (the tablet editing grid pins a column over scrolled cells by design).
 */
export async function layoutFindings(page: Page, overlap: boolean): Promise<Finding[]> {
  const report: LayoutReport = await page.evaluate((checkOverlap) => {
    const MIN = 44;
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls = [...el.classList].map((c) => `.${c}`).join('');
      const name =
        el.getAttribute('aria-label') ??
        (el as HTMLElement).innerText?.trim().replace(/\s+/g, ' ') ??
        el.textContent?.trim() ??
        '';
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
      const where = el.parentElement?.closest('[class]:not([class=""])');
      const context = where ? ` in .${[...where.classList].join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}${type} "${name.slice(0, 40)}"${context}`;
    };
    // Under an open modal dialog the page is covered by its backdrop: only the dialog can be read or tapped.
    const modal = document.querySelector('[aria-modal="true"]');
    const shown = (el: Element) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
      !el.closest('[inert]') &&
      (!modal || modal.contains(el));

    // Tap targets: every visible, enabled control a person taps.
    const small: string[] = [];
    const controls = document.querySelectorAll(
      'button, select, textarea, input:not([type=hidden]), a[href], summary, [role=button], [role=link], [role=tab], [role=checkbox], [role=switch]',
    );
    for (const el of controls) {
      if (!shown(el)) continue;
      if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') continue;
      // WCAG 2.5.8 "inline" exception: a link inside a sentence is sized by the line of text around it.
      if (el.tagName === 'A') {
        const sentence = el.parentElement?.closest('p, li');
        if (sentence && sentence.textContent!.trim() !== el.textContent!.trim()) continue;
      }
      // A checkbox or radio wrapped in its label is tapped anywhere on the label (the label is the target).
      const label =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? el.closest('label')
          : null;
      const box = (label ?? el).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < MIN - 0.5 || box.height < MIN - 0.5) {
        small.push(
          `${describe(el)}${label ? ' (with its label)' : ''} is ${Math.round(box.width)}x${Math.round(box.height)} px`,
        );
      }
    }

    // Overprinted text: the line boxes of every visible text node, clipped by their scroll containers.
    const overlaps: string[] = [];
    if (checkOverlap) {
      const clipCache = new Map<Element, DOMRect | null>();
      const clipOf = (el: Element | null): DOMRect | null => {
        if (!el || el === document.documentElement) return null;
        if (clipCache.has(el)) return clipCache.get(el)!;
        const parent = clipOf(el.parentElement);
        const style = getComputedStyle(el);
        let clipRect = parent;
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const own = el.getBoundingClientRect();
          clipRect = parent ? intersect(own, parent) : own;
        }
        clipCache.set(el, clipRect);
        return clipRect;
      };
      const intersect = (a: DOMRect, b: DOMRect): DOMRect => {
        const left = Math.max(a.left, b.left);
        const top = Math.max(a.top, b.top);
        return new DOMRect(
          left,
          top,
          Math.max(0, Math.min(a.right, b.right) - left),
          Math.max(0, Math.min(a.bottom, b.bottom) - top),
        );
      };
      const boxes: { rect: DOMRect; el: Element }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (
          !node.textContent!.trim() ||
          !el ||
          el.closest('script, style, select, option, textarea, .visually-hidden')
        )
          continue;
        if (!shown(el)) continue;
        range.selectNodeContents(node);
        const clipRect = clipOf(el);
        for (const line of range.getClientRects()) {
          const rect = clipRect ? intersect(line, clipRect) : line;
          if (rect.width >= 2 && rect.height >= 2) boxes.push({ rect, el });
        }
      }
      boxes.sort((a, b) => a.rect.top - b.rect.top);
      // One finding per pair of elements: a card that overprints the next one does so word by word.
      const pairs = new Map<string, string>();
      const ids = new Map<Element, number>();
      const idOf = (el: Element) => ids.get(el) ?? (ids.set(el, ids.size), ids.size - 1);
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i]!;
        for (let j = i + 1; j < boxes.length && boxes[j]!.rect.top < a.rect.bottom; j++) {
          const b = boxes[j]!;
          const o = intersect(a.rect, b.rect);
          // Line boxes of one paragraph touch by a few pixels when line-height is tight; a real overprint
          // covers a good part of a line.
          const tolerance = Math.max(3, 0.3 * Math.min(a.rect.height, b.rect.height));
          // Chromium reports an ellipsis-truncated text twice (whole and cut), so one element's own line
          // boxes are not compared with each other; overprinting is between two elements.
          if (a.el === b.el) continue;
          const [first, second] = [idOf(a.el), idOf(b.el)].sort((x, y) => x - y);
          const key = `${first}:${second}`;
          if (o.width > 2 && o.height > tolerance && !pairs.has(key)) {
            pairs.set(
              key,
              `${describe(a.el)} overlaps ${describe(b.el)} by ${Math.round(o.width)}x${Math.round(o.height)} px at ${Math.round(o.left)},${Math.round(o.top)}`,
            );
          }
        }
      }
      overlaps.push(...pairs.values());
    }
    return {
      small,
      overlaps,
      scrollWidth: document.scrollingElement!.scrollWidth,
      viewportWidth: window.innerWidth,
    };
  }, overlap);
  const findings: Finding[] = [
    ...report.small.map((message) => ({ gate: 'target' as const, rule: 'target-size', message })),
    ...report.overlaps.map((message) => ({ gate: 'overlap' as const, rule: 'text-overlap', message })),
  ];
  if (report.scrollWidth !== report.viewportWidth) {
    findings.push({
      gate: 'scroll',
      rule: 'page-width',
      message: `the page is ${report.scrollWidth} px wide in a ${report.viewportWidth} px viewport (scrolls sideways)`,
    });
  }
  return findings;
}

/**
 * Collects what a page reports going wrong: uncaught errors, console errors and failed requests (a request
 * the network refused or an HTTP error status). `take` returns and clears them.
 */
export function watchErrors(page: Page): { take(): Finding[] } {
  let found: Finding[] = [];
  const add = (rule: string, message: string) => found.push({ gate: 'error', rule, message });
  page.on('pageerror', (error) => add('pageerror', `uncaught ${error.name}: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') add('console-error', `console error: ${msg.text()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // net::ERR_ABORTED is the app (or a navigation) cancelling a request it no longer needs, not a failure.
    if (reason !== 'net::ERR_ABORTED')
      add('request-failed', `${request.method()} ${request.url()} failed: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      add('request-failed', `${response.request().method()} ${response.url()} answered ${response.status()}`);
  });
  return {
    take() {
      const taken = found;
      found = [];
      return taken;
    },
  };
}

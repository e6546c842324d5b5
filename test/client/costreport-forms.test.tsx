// @vitest-environment happy-dom
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import CostReportBoard from '../../client/src/boards/costreport/CostReportBoard';
import { BoardSession } from '../../client/src/sync/board-session';
import { BoardContext, type BoardContextValue } from '../../client/src/sync/use-board-session';
import { DEFAULT_PERMISSIONS } from '../../shared/boards';
import { addAccount, addBudgetLine, readCostReport } from '../../shared/model/costreport';
import { act, mount } from './render';

function board(canWrite: boolean): { value: BoardContextValue; container: HTMLElement } {
  const session = new BoardSession({
    productionId: 'p1',
    board: 'costreport',
    token: 't',
    serverUrl: 'ws://127.0.0.1:9',
    persist: false,
    connect: false,
  });
  addAccount(session.doc, { id: 'acc2500', code: '2500', name: 'Grip', line: 'BTL', category: 'Production' });
  addAccount(session.doc, {
    id: 'acc3700',
    code: '3700',
    name: 'Catering',
    line: 'BTL',
    category: 'Production',
  });
  const value: BoardContextValue = {
    session,
    productionId: 'p1',
    token: 't',
    canWrite,
    // No companion boards: nothing may open a socket in a component test.
    permissions: {
      ...DEFAULT_PERMISSIONS.producer,
      schedule: 'none',
      costreport: canWrite ? 'write' : 'read',
    },
    memberId: 'm1',
    memberName: 'Dana',
    notify: () => undefined,
  };
  const { container } = mount(
    <BoardContext.Provider value={value}>
      <Suspense fallback={null}>
        <CostReportBoard />
      </Suspense>
    </BoardContext.Provider>,
  );
  return { value, container };
}

function press(container: ParentNode, name: string) {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!button) throw new Error(`no button ${name}`);
  act(() => button.click());
}

function fill(el: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

const byLabel = <T extends Element>(root: ParentNode, label: string) =>
  root.querySelector<T & HTMLElement>(`[aria-label="${label}"]`)!;

function submit(form: HTMLFormElement) {
  act(() => form.requestSubmit());
}

describe('budget line editor', () => {
  it('adds a line, shows totals from lineTotal, edits a cell in place and deletes after confirming', async () => {
    const { value, container } = board(true);
    press(container, 'Budget lines');
    const form = container.querySelector<HTMLFormElement>('form[aria-label="Add a budget line"]')!;
    fill(byLabel(form, 'New line description'), 'Key grip');
    fill(byLabel(form, 'New line amount'), '5');
    fill(byLabel<HTMLSelectElement>(form, 'New line unit'), 'day');
    fill(byLabel(form, 'New line multiplier'), '2');
    fill(byLabel(form, 'New line rate'), '350.00');
    fill(byLabel(form, 'New line fringe percent'), '22.5');
    submit(form);

    const [line] = readCostReport(value.session.doc).lines;
    expect(line).toMatchObject({
      accountId: 'acc2500',
      amount: 5,
      units: 'day',
      multiplier: 2,
      rate: 35_000,
    });
    expect(line!.fringeBp).toBe(2_250);
    const table = container.querySelector('[data-testid="budget-lines"]')!;
    // 5 x 2 x $350.00 = $3,500.00, fringe 22.5% = $787.50
    expect(table.querySelector('tbody tr')!.textContent).toContain('$3,500.00$787.50$4,287.50');
    expect(container.querySelector('[data-testid="account-budget"]')!.textContent).toBe('$4,287.50');

    const amount = byLabel<HTMLInputElement>(table, 'Amount');
    act(() => amount.focus());
    fill(amount, '6');
    act(() => amount.blur());
    expect(readCostReport(value.session.doc).lines[0]!.amount).toBe(6);
    expect(container.querySelector('[data-testid="account-budget"]')!.textContent).toBe('$5,145.00');

    press(table, 'Delete');
    press(document.querySelector('[role=dialog]')!, 'Delete line');
    // the confirmation resolves a promise; the delete follows in a microtask
    await expect.poll(() => readCostReport(value.session.doc).lines.length).toBe(0);
    expect(container.textContent).toContain('No budget lines on this account yet.');
    value.session.destroy();
  });

  it('a bad entry is refused in words and nothing is written', () => {
    const { value, container } = board(true);
    press(container, 'Budget lines');
    const form = container.querySelector<HTMLFormElement>('form[aria-label="Add a budget line"]')!;
    fill(byLabel(form, 'New line amount'), '5');
    fill(byLabel(form, 'New line rate'), 'lots');
    submit(form);
    expect(container.querySelector('[role=alert]')!.textContent).toContain('"lots" is not an amount');
    expect(readCostReport(value.session.doc).lines).toHaveLength(0);
    // The refusal is on the field that caused it, and the board counts the form as not saved.
    const rate = byLabel<HTMLInputElement>(form, 'New line rate');
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(rate.getAttribute('aria-describedby')!)!.textContent).toContain('"lots"');
    expect(rate.value).toBe('lots');
    expect(byLabel(form, 'New line amount').hasAttribute('aria-invalid')).toBe(false);
    expect(value.session.rejections.list()).toHaveLength(1);
    fill(rate, '350');
    submit(form);
    expect(readCostReport(value.session.doc).lines).toHaveLength(1);
    expect(rate.hasAttribute('aria-invalid')).toBe(false);
    expect(value.session.rejections.list()).toHaveLength(0);
    value.session.destroy();
  });

  it('an actual of "about 2k" is refused on its amount field, and the typed text stays', () => {
    const { value, container } = board(true);
    press(container, 'Actuals & POs');
    const form = container.querySelector<HTMLFormElement>('form.entry-form')!;
    fill(byLabel(form, 'Vendor'), 'Grip House');
    fill(byLabel(form, 'Amount'), 'about 2k');
    submit(form);
    const amount = byLabel<HTMLInputElement>(form, 'Amount');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(amount.getAttribute('aria-describedby')!)!.textContent).toContain(
      '"about 2k" is not an amount',
    );
    expect(amount.value).toBe('about 2k');
    expect(readCostReport(value.session.doc).actuals).toHaveLength(0);
    expect(value.session.rejections.list().map((r) => r.label)).toEqual(['New actual']);
    value.session.destroy();
  });

  it('a reader sees the lines as plain values with no fields or buttons', () => {
    const { value, container } = board(false);
    addBudgetLine(value.session.doc, {
      accountId: 'acc2500',
      description: 'Dolly',
      amount: 3,
      units: 'week',
      multiplier: 1,
      rate: 120_000,
      fringeBp: 0,
    });
    press(container, 'Budget lines');
    const table = container.querySelector('[data-testid="budget-lines"]')!;
    expect(table.textContent).toContain('Dolly');
    expect(table.textContent).toContain('$1,200.00');
    expect(table.querySelectorAll('input, select, button')).toHaveLength(0);
    expect(container.querySelector('form')).toBeNull();
    value.session.destroy();
  });
});

describe('hot-cost entry', () => {
  it('a hot cost whose hourly rate does not parse is refused on that field', () => {
    const { value, container } = board(true);
    press(container, 'Hot costs');
    const form = container.querySelector<HTMLFormElement>('form[aria-label="Add hot cost"]')!;
    fill(byLabel(form, 'Description'), 'Grips');
    fill(byLabel(form, 'Hourly rate'), 'forty');
    submit(form);
    const rate = byLabel<HTMLInputElement>(form, 'Hourly rate');
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(rate.getAttribute('aria-describedby')!)!.textContent).toContain('"forty"');
    expect(byLabel(form, 'Day budget').hasAttribute('aria-invalid')).toBe(false);
    expect(readCostReport(value.session.doc).hotCosts).toHaveLength(0);
    expect(value.session.rejections.list()).toHaveLength(1);
    value.session.destroy();
  });

  it('adds a labour entry for a day, edits it, and switches fields for a non-labour entry', () => {
    const { value, container } = board(true);
    press(container, 'Hot costs');
    const day = container.querySelector<HTMLInputElement>('.hot-entry input[type=date]')!;
    fill(day, '2026-03-02');
    let form = container.querySelector<HTMLFormElement>('form[aria-label="Add hot cost"]')!;
    fill(byLabel(form, 'Description'), 'Grips');
    fill(byLabel<HTMLSelectElement>(form, 'Account'), 'acc2500');
    fill(byLabel(form, 'Day budget'), '1,800');
    fill(byLabel(form, 'People'), '4');
    fill(byLabel(form, 'Hourly rate'), '45.00');
    fill(byLabel(form, 'Fringe percent'), '18');
    fill(byLabel(form, 'Meal penalty'), '25');
    submit(form);
    const [grips] = readCostReport(value.session.doc).hotCosts;
    expect(grips).toMatchObject({
      date: '2026-03-02',
      kind: 'labour',
      description: 'Grips',
      accountId: 'acc2500',
      budget: 180_000,
      headcount: 4,
      hourlyRate: 4_500,
      straightHours: 10,
      fringeBp: 1_800,
      mealPenalty: 2_500,
      actual: 0,
    });
    expect(container.querySelector('.hot-list')!.textContent).toContain('4 × $45.00/h');

    press(container, 'Edit');
    form = container.querySelector<HTMLFormElement>('form[aria-label="Edit hot cost"]')!;
    expect(byLabel<HTMLInputElement>(form, 'Hourly rate').value).toBe('45.00');
    fill(byLabel(form, 'People'), '5');
    submit(form);
    expect(readCostReport(value.session.doc).hotCosts).toMatchObject([{ id: grips!.id, headcount: 5 }]);

    form = container.querySelector<HTMLFormElement>('form[aria-label="Add hot cost"]')!;
    fill(byLabel<HTMLSelectElement>(form, 'Kind'), 'catering');
    expect(byLabel(form, 'People')).toBeNull();
    fill(byLabel(form, 'Description'), 'Second meal');
    fill(byLabel(form, 'Spent'), '640.50');
    submit(form);
    const catering = readCostReport(value.session.doc).hotCosts.find((h) => h.kind === 'catering');
    expect(catering).toMatchObject({ date: '2026-03-02', actual: 64_050, headcount: 0 });
    value.session.destroy();
  });

  it('a reader gets no hot-cost form', () => {
    const { value, container } = board(false);
    press(container, 'Hot costs');
    expect(container.querySelector('.hot-entry')).toBeNull();
    value.session.destroy();
  });
});

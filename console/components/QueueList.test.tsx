// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nContext, makeTranslate } from '../i18n/index';
import { queueItem } from '../model/fixtures';
import { QueueList } from './QueueList';

const NOW = 1_700_000_000_000;
// The model sorts the queue; the list shows it in the order given.
const items = [
  queueItem({ conversationId: 'old', visitorName: 'Olga', reason: 'negative_feedback', lastMessage: 'That article did not help', queuedAt: NOW - 754_000 }),
  queueItem({ conversationId: 'new', visitorName: null, reason: 'asked_for_human', lastMessage: 'Can I talk to a person?', queuedAt: NOW - 42_000 }),
];

afterEach(cleanup);

function renderList(props: Partial<Parameters<typeof QueueList>[0]> = {}, locale: 'en' | 'es' = 'en') {
  const onOpen = vi.fn();
  const onClaim = vi.fn();
  const view = render(
    <I18nContext.Provider value={{ locale, t: makeTranslate(locale) }}>
      <QueueList items={items} now={NOW} activeId={null} onOpen={onOpen} onClaim={onClaim} {...props} />
    </I18nContext.Provider>,
  );
  return { onOpen, onClaim, view };
}

describe('QueueList', () => {
  it('tells anonymous visitors apart by the label the server gives them', () => {
    renderList({
      items: [
        queueItem({ conversationId: 'a', visitorName: null, visitorLabel: '#4821 · Firefox · Berlin', queuedAt: NOW }),
        queueItem({ conversationId: 'b', visitorName: null, visitorLabel: '#1307 · Chrome', queuedAt: NOW }),
      ],
    });
    const rows = screen.getAllByRole('listitem');
    expect(within(rows[0]!).getByText('Visitor #4821 · Firefox · Berlin')).toBeTruthy();
    expect(within(rows[1]!).getByText('Visitor #1307 · Chrome')).toBeTruthy();
  });

  it('shows each waiting chat with its wait time, translated reason and last message', () => {
    renderList();
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('Olga')).toBeTruthy();
    expect(first.getByText('waiting 12:34')).toBeTruthy();
    expect(first.getByText('Answer did not help')).toBeTruthy();
    expect(first.getByText('That article did not help')).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByText('Visitor')).toBeTruthy();
    expect(second.getByText('waiting 0:42')).toBeTruthy();
    expect(second.getByText('Asked for a person')).toBeTruthy();
  });

  it('keeps the order it is given: oldest first from the model', () => {
    renderList();
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.item-name')?.textContent)).toEqual(['Olga', 'Visitor']);
  });

  it('ticks the wait time as time passes', () => {
    const { view, onOpen, onClaim } = renderList();
    view.rerender(
      <I18nContext.Provider value={{ locale: 'en', t: makeTranslate('en') }}>
        <QueueList items={items} now={NOW + 20_000} activeId={null} onOpen={onOpen} onClaim={onClaim} />
      </I18nContext.Provider>,
    );
    expect(screen.getByText('waiting 1:02')).toBeTruthy();
  });

  it('claims the chat from its own labelled button, and previews it from the row', () => {
    const { onOpen, onClaim } = renderList();
    fireEvent.click(screen.getByRole('button', { name: 'Claim chat with Olga' }));
    expect(onClaim).toHaveBeenCalledWith('old');
    fireEvent.click(screen.getByText('Can I talk to a person?'));
    expect(onOpen).toHaveBeenCalledWith('new');
  });

  it('speaks Spanish', () => {
    renderList({}, 'es');
    expect(screen.getByText('La respuesta no ayudó')).toBeTruthy();
    expect(screen.getByText('esperando 0:42')).toBeTruthy();
  });

  it('says when no one is waiting', () => {
    renderList({ items: [] });
    expect(screen.getByText('No one is waiting.')).toBeTruthy();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });
});

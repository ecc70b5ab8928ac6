// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { article } from '../protocol/fixtures';
import { ArticleCard } from './ArticleCard';
import { renderWithI18n } from './test-utils';

describe('ArticleCard', () => {
  it('shows the title, the whole article in place and a link to it in a new tab', () => {
    renderWithI18n(<ArticleCard article={article} feedback={undefined} onFeedback={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Reset your password' })).toBeTruthy();
    expect(document.querySelector('.card-body')?.innerHTML).toBe(article.html);
    const link = screen.getByRole('link', { name: 'Read the full article' });
    expect(link.getAttribute('href')).toBe('https://example.com/kb/reset');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('asks whether it helped, then thanks the visitor', () => {
    const onFeedback = vi.fn();
    const { rerender } = renderWithI18n(<ArticleCard article={article} feedback={undefined} onFeedback={onFeedback} />);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, that helped' }));
    expect(onFeedback).toHaveBeenCalledWith(true);
    rerender(<ArticleCard article={article} feedback={true} onFeedback={onFeedback} />);
    expect(screen.queryByRole('button', { name: 'Yes, that helped' })).toBeNull();
    expect(screen.getByText('Thanks for letting us know.')).toBeTruthy();
  });

  it('without a URL, renders the sanitised body inline and links nowhere', () => {
    renderWithI18n(<ArticleCard article={{ ...article, url: null, html: '<p>Step <strong>one</strong></p>' }} feedback={undefined} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('one').tagName).toBe('STRONG');
    // Short enough to fit: no toggle.
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('a body taller than the collapsed height gets an accessible "show more" that expands and collapses it', () => {
    const height = vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('card-body-collapsed') ? 900 : 0;
    });
    renderWithI18n(<ArticleCard article={{ ...article, url: null, html: '<p>Long</p>'.repeat(40) }} feedback={undefined} />);
    const more = screen.getByRole('button', { name: 'Show more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(more.getAttribute('aria-controls') ?? '')?.classList.contains('card-body-collapsed')).toBe(true);
    fireEvent.click(more);
    const less = screen.getByRole('button', { name: 'Show less' });
    expect(less.getAttribute('aria-expanded')).toBe('true');
    expect(document.querySelector('.card-body-collapsed')).toBeNull();
    height.mockRestore();
  });
});

// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { article } from '../protocol/fixtures';
import { ArticleCard } from './ArticleCard';
import { renderWithI18n } from './test-utils';

describe('ArticleCard', () => {
  it('shows the title, the excerpt and a link to the full article in a new tab', () => {
    renderWithI18n(<ArticleCard article={article} feedback={undefined} onFeedback={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Reset your password' })).toBeTruthy();
    expect(screen.getByText('Use the link on the sign-in page.')).toBeTruthy();
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

  it('without a URL, shows the sanitised article body on request', () => {
    renderWithI18n(<ArticleCard article={{ ...article, url: null, html: '<p>Step <strong>one</strong></p>' }} feedback={undefined} />);
    expect(screen.queryByRole('link')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the article' }));
    expect(screen.getByText('one').tagName).toBe('STRONG');
  });
});

// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart } from './BarChart';
import { Heatmap, shade } from './Heatmap';
import { LineChart } from './LineChart';
import { gridValues } from './Axis';
import { niceMax } from './scale';

afterEach(cleanup);

const heights = (container: Element, selector: string) => [...container.querySelectorAll(selector)].map((r) => Number(r.getAttribute('height')));

describe('BarChart', () => {
  const bars = [
    { label: '1 Mar', tick: '1', value: 4, part: 1 },
    { label: '2 Mar', tick: '2', value: 8, part: 2 },
    { label: '3 Mar', tick: '3', value: 0 },
    { label: '4 Mar', tick: '4', value: 2, part: 2 },
  ];

  it('draws bars whose heights are proportional to the values, parts inside them', () => {
    const { container } = render(<BarChart title="Conversations by day" desc="Highest: 8." bars={bars} columns={['Date', 'Started', 'Escalated']} />);
    const h = heights(container, 'rect.bar-value');
    expect(h).toHaveLength(4);
    expect(h[1]).toBeGreaterThan(0);
    expect(h.map((x) => x / h[1]!)).toEqual([0.5, 1, 0, 0.25]);
    const parts = heights(container, 'rect.bar-part');
    expect(parts.map((x) => x / h[1]!)).toEqual([0.125, 0.25, 0.25]);
  });

  it('is one image named by its title and description, with the numbers in a table', () => {
    render(<BarChart title="Conversations by day" desc="Highest: 8." bars={bars} columns={['Date', 'Started', 'Escalated']} format={(n) => `${n}`} />);
    const img = screen.getByRole('img', { name: 'Conversations by day Highest: 8.' });
    expect(img.tagName.toLowerCase()).toBe('svg');
    const table = screen.getByRole('table', { name: 'Conversations by day' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Date', 'Started', 'Escalated']);
    const row = within(table).getByRole('row', { name: /2 Mar/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['8', '2']);
  });

  it('draws nothing but the axis when every value is zero', () => {
    const { container } = render(<BarChart title="t" desc="d" bars={[{ label: 'a', tick: 'a', value: 0 }]} columns={['x', 'y']} />);
    expect(heights(container, 'rect.bar-value')).toEqual([0]);
  });
});

describe('LineChart', () => {
  it('plots each series point at a height proportional to its value and leaves gaps for missing days', () => {
    const { container } = render(
      <LineChart
        title="Time to first human reply"
        desc="p50 and p90 by day"
        labels={[{ label: 'Mon', tick: 'M' }, { label: 'Tue', tick: 'T' }, { label: 'Wed', tick: 'W' }]}
        series={[
          { name: 'p50', values: [10_000, null, 20_000], tone: 'primary' },
          { name: 'p90', values: [40_000, null, 80_000], tone: 'secondary' },
        ]}
        categoryHeader="Date"
        format={(n) => `${n / 1000} s`}
      />,
    );
    const ys = [...container.querySelectorAll('.line.primary circle, .line.secondary circle')].map((c) => Number(c.getAttribute('cy')));
    expect(ys).toHaveLength(4);
    // Heights above the baseline (y grows downwards), in document order: p50 Mon, p50 Wed, p90 Mon, p90 Wed.
    const baseline = Number(container.querySelector('.axis .baseline')?.getAttribute('y1'));
    const up = ys.map((y) => baseline - y);
    expect(up[0]! / up[3]!).toBeCloseTo(0.125);
    expect(up[1]! / up[3]!).toBeCloseTo(0.25);
    expect(up[2]! / up[3]!).toBeCloseTo(0.5);
    expect(container.querySelector('.line.primary path')?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
    const table = screen.getByRole('table', { name: 'Time to first human reply' });
    expect(within(within(table).getByRole('row', { name: /Tue/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['—', '—']);
  });
});

describe('axis scale', () => {
  it('rounds the top up to 1, 2 or 5 × 10ⁿ and drops a half line that would repeat a label', () => {
    expect([0, 1, 3, 7, 12, 260].map(niceMax)).toEqual([1, 1, 5, 10, 20, 500]);
    expect(gridValues(1, (n) => String(Math.round(n)))).toEqual([0, 1]);
    expect(gridValues(10, (n) => String(Math.round(n)))).toEqual([0, 5, 10]);
  });
});

describe('Heatmap', () => {
  const rows = [1, 2].map((w) => ({ label: w === 1 ? 'Monday' : 'Tuesday', short: w === 1 ? 'Mon' : 'Tue' }));
  const cols = ['00:00', '01:00', '02:00'];
  const cells = [
    { row: 1, col: 0, value: 0 },
    { row: 1, col: 1, value: 1 },
    { row: 1, col: 2, value: 4 },
    { row: 2, col: 0, value: 2 },
    { row: 2, col: 1, value: 3 },
  ];

  it('shades cells by value, the busiest darkest and empty ones lightest, each with its number as a title', () => {
    const { container } = render(<Heatmap title="Conversations by weekday and hour" desc="Busiest: Monday 02:00." rows={rows} cols={cols} cells={cells} format={String} tableLabel="Show the numbers" cornerHeader="Weekday" />);
    const rects = [...container.querySelectorAll('rect.cell')];
    expect(rects).toHaveLength(6);
    const fills = rects.map((r) => r.getAttribute('fill'));
    expect(fills[0]).toBe(shade(0, 4));
    expect(fills[2]).toBe(shade(4, 4));
    expect(new Set([shade(0, 4), shade(1, 4), shade(2, 4), shade(3, 4), shade(4, 4)]).size).toBe(5);
    expect(rects[2]!.querySelector('title')?.textContent).toBe('Monday 02:00: 4');
    expect(screen.getByRole('img', { name: /Conversations by weekday and hour/ })).toBeTruthy();
  });

  it('has every number in a table: a row per weekday, a column per hour, zeros included', () => {
    render(<Heatmap title="Conversations by weekday and hour" desc="." rows={rows} cols={cols} cells={cells} format={String} tableLabel="Show the numbers" cornerHeader="Weekday" />);
    const table = screen.getByRole('table', { name: 'Conversations by weekday and hour' });
    expect(within(table).getByRole('row', { name: /^Monday/ }).textContent).toBe('Monday014');
    expect(within(table).getByRole('row', { name: /^Tuesday/ }).textContent).toBe('Tuesday230');
  });
});

describe('LineChart with a fixed domain', () => {
  it('puts 0 in the middle of −100…100, so a negative NPS sits below it', () => {
    const { container } = render(
      <LineChart title="NPS by day" desc="." labels={[{ label: 'a', tick: 'a' }, { label: 'b', tick: 'b' }]} series={[{ name: 'NPS', values: [-100, 100], tone: 'primary' }]} categoryHeader="Date" format={String} domain={{ bottom: -100, top: 100 }} />,
    );
    const ys = [...container.querySelectorAll('circle')].map((c) => Number(c.getAttribute('cy')));
    const baseline = Number(container.querySelector('line.baseline')?.getAttribute('y1'));
    expect(ys[0]).toBeGreaterThan(baseline);
    expect(ys[1]).toBeLessThan(baseline);
    expect((ys[0]! + ys[1]!) / 2).toBeCloseTo(baseline);
  });
});

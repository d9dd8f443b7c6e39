// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getWidgetType } from '@/widgets/registry';
import { WidgetSettings } from './widget-settings';

afterEach(cleanup);

function renderSettings(type: string, config: Record<string, unknown>) {
  const definition = getWidgetType(type)!;
  const onChange = vi.fn();
  render(
    <WidgetSettings
      definition={definition}
      config={definition.schema.parse(config)}
      onChange={onChange}
    />,
  );
  return { onChange };
}

describe('settings form: list fields', () => {
  it.each([
    ['chart', { series: [{ topic: 'a/b' }, { topic: 'c/d' }] }, 'Series', 'series'],
    ['indicator', { rules: [{ op: '=', value: 'on' }, { op: 'else' }] }, 'Rule', 'rule'],
    [
      'notification',
      {
        rules: [
          { op: '=', value: 'x' },
          { op: '>', value: '1' },
        ],
      },
      'Condition',
      'condition',
    ],
    [
      'dropdown',
      {
        options: [
          { label: 'A', value: 'a' },
          { label: 'B', value: 'b' },
        ],
      },
      'Option',
      'option',
    ],
  ])('%s: each item is named for what it is, and so is its Remove', (type, config, name, item) => {
    renderSettings(type, config);
    const second = screen.getByRole('group', { name: `${name} 2` });
    expect(within(second).getByRole('button', { name: `Remove ${item} 2` })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Remove ${item} 1` })).toBeTruthy();
  });

  it('Remove takes out that item only', () => {
    const { onChange } = renderSettings('dropdown', {
      options: [
        { label: 'A', value: 'a' },
        { label: 'B', value: 'b' },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove option 1' }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0]).toMatchObject({ options: [{ label: 'B', value: 'b' }] });
  });

  it("shows the list's help, which its fieldset is described by", () => {
    renderSettings('chart', {});
    const help = screen.getByText(/draws one line per matching topic/);
    const fieldset = screen.getByRole('group', { name: 'Series' });
    expect(fieldset.getAttribute('aria-describedby')).toContain(help.id);
  });
});

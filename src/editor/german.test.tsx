// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Group } from '@/dashboard/schema';
import { setLanguage } from '@/i18n/i18n';
import { RenameDialog } from './name-dialogs';
import { WidgetPicker } from './widget-picker';

beforeEach(() => setLanguage('de'));
afterEach(() => {
  cleanup();
  setLanguage('en');
});

const group = (id: string, title: string): Group => ({
  id,
  title,
  width: 6,
  showTitle: true,
  widgets: [],
});

describe('the editor in German', () => {
  it('the widget picker: its dialog, group choice and Cancel have German names', () => {
    const onClose = vi.fn();
    render(
      <WidgetPicker
        open
        groups={[group('a', 'Küche'), group('b', '')]}
        groupId="a"
        onPick={vi.fn()}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Widget hinzufügen' });
    const select = within(dialog).getByRole('combobox', { name: 'In die Gruppe' });
    expect(within(select).getByRole('option', { name: 'Gruppe ohne Namen' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('the rename dialog says why in German, and again in English after a switch', () => {
    const onSave = vi.fn();
    render(
      <RenameDialog
        open
        title="Dashboard umbenennen"
        label="Name"
        value=""
        onSave={onSave}
        onClose={vi.fn()}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Dashboard umbenennen' });
    expect(within(dialog).getByRole('button', { name: 'Abbrechen' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    expect(onSave).not.toHaveBeenCalled();
    const input = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Der Name darf nicht leer sein.')).toBeTruthy();

    act(() => setLanguage('en'));
    expect(within(dialog).getByText('A name cannot be empty.')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeTruthy();
  });
});

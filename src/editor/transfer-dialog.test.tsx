// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import type { Dashboard } from '@/dashboard/schema';
import { slugify } from '@/dashboard/slugs';
import { exportFile } from './transfer';
import { TransferDialog } from './transfer-dialog';

afterEach(cleanup);

/** As the app holds dashboards: with their slugs (which reading fills in). */
const dashboard = (id: string, title: string): Dashboard => ({
  id,
  title,
  slugs: [slugify(title)],
  revision: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  pages: [
    {
      id: `${id}-p`,
      title: 'Home',
      slugs: ['home'],
      groups: [
        {
          id: `${id}-g`,
          title: '',
          width: 6,
          showTitle: true,
          widgets: [
            { id: `${id}-w`, type: 'gauge', version: 1, config: { title: 'T', topic: 'a/b' } },
          ],
        },
      ],
    },
  ],
});

const existing = [dashboard('home', 'Home'), dashboard('garden', 'Garden')];

function setup(props: Partial<Parameters<typeof TransferDialog>[0]> = {}) {
  const onImport = vi.fn();
  const onExport = vi.fn();
  const onClose = vi.fn();
  const onDownload = vi.fn();
  const onUseBroker = vi.fn();
  const view = render(
    <TransferDialog
      open
      dashboards={existing}
      currentId="garden"
      onImport={onImport}
      onExport={onExport}
      onClose={onClose}
      hrefOf={(id) => `/d/${id}`}
      onDownload={onDownload}
      onUseBroker={onUseBroker}
      {...props}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Import and export' });
  return { onImport, onExport, onClose, onDownload, onUseBroker, dialog, ...view };
}

function paste(text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Or paste JSON' }), {
    target: { value: text },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
}

describe('transfer dialog', () => {
  it('is a modal dialog named by its heading', () => {
    const { dialog } = setup();
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(within(dialog).getByRole('heading', { name: 'Import and export' })).toBeTruthy();
  });

  it('exports the dashboard on screen, or all of them', () => {
    const { onExport } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export this dashboard' }));
    expect(onExport).toHaveBeenLastCalledWith(['garden']);
    fireEvent.click(screen.getByRole('button', { name: 'Export all dashboards' }));
    expect(onExport).toHaveBeenLastCalledWith(['home', 'garden']);
  });

  it('cannot export "this dashboard" when none is shown', () => {
    setup({ currentId: null });
    const button = screen.getByRole('button', { name: 'Export this dashboard' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows invalid JSON as an error, and imports nothing', () => {
    const { onImport } = setup();
    paste('{"id": "x",');
    const alert = screen.getByRole('alert');
    const items = within(alert).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toMatch(/^\$: Not valid JSON: .*line 1, column 12/);
    expect(onImport).not.toHaveBeenCalled();
  });

  it('lists every invalid field as "path: message", and imports nothing', () => {
    const { onImport } = setup();
    const bad = { ...dashboard('new', 'New'), title: '' };
    bad.pages[0]!.groups[0]!.widgets[0]!.config = { title: 'T', min: 5, max: 1 };
    paste(exportFile([bad]));
    const items = within(screen.getByRole('alert')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^\$\.dashboards\[0\]\.title: /),
    ]);
    expect(onImport).not.toHaveBeenCalled();

    paste(exportFile([{ ...bad, title: 'New' }]));
    expect(within(screen.getByRole('alert')).getByRole('listitem').textContent).toBe(
      '$.dashboards[0].pages[0].groups[0].widgets[0].config: max: Max must be greater than min',
    );
    expect(onImport).not.toHaveBeenCalled();
  });

  it('renders messages as text, never as HTML', () => {
    const { container } = setup();
    paste(JSON.stringify({ format: '<img src=x onerror="window.__pwned=1">', dashboards: [] }));
    expect(container.ownerDocument.querySelector('img')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('<img src=x');
  });

  it('imports a valid export with new ids at once', () => {
    const { onImport } = setup();
    const incoming = [dashboard('cellar', 'Cellar')];
    paste(exportFile(incoming));
    expect(onImport).toHaveBeenCalledTimes(1);
    expect(onImport).toHaveBeenCalledWith(incoming, 'keep-both');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Imported “Cellar”.');
  });

  it('asks before replacing, and Replace imports in replace mode', () => {
    const { onImport } = setup();
    const incoming = [dashboard('garden', 'Garden v2'), dashboard('attic', 'Attic')];
    paste(exportFile(incoming));
    expect(onImport).not.toHaveBeenCalled();
    const question = screen.getByRole('group', { name: /“Garden v2” is already here/ });
    expect(question.textContent).toContain('The other 1 will be added either way.');
    fireEvent.click(within(question).getByRole('button', { name: 'Replace' }));
    expect(onImport).toHaveBeenCalledWith(incoming, 'replace');
    expect(screen.queryByRole('button', { name: 'Replace' })).toBeNull();
  });

  it('Keep both imports in keep-both mode', () => {
    const { onImport } = setup();
    const incoming = [dashboard('home', 'Home'), dashboard('garden', 'Garden')];
    paste(exportFile(incoming));
    expect(screen.getByRole('group', { name: /“Home”, “Garden” are already here/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep both' }));
    expect(onImport).toHaveBeenCalledTimes(1);
    expect(onImport).toHaveBeenCalledWith(incoming, 'keep-both');
  });

  it('can cancel instead of choosing', () => {
    const { onImport } = setup();
    paste(exportFile([dashboard('home', 'Home')]));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(screen.queryByRole('button', { name: 'Replace' })).toBeNull();
    expect(onImport).not.toHaveBeenCalled();
  });

  it('reports every node of a Node-RED flow, offers its broker and the report as a file', () => {
    const { onImport, onDownload, onUseBroker, onClose } = setup();
    const flow = [
      ...seedFlow,
      { id: 'c1', type: 'ui_template', group: '58d4c9d3.e4bee8', name: 'History' },
    ];
    paste(JSON.stringify(flow));
    expect(onImport).toHaveBeenCalledTimes(1);
    const [dashboards] = onImport.mock.calls[0]! as [Dashboard[]];
    const imported = dashboards[0]!;
    expect(imported.pages[0]!.groups[0]!.widgets).toHaveLength(2);
    const report = screen.getByRole('region', { name: 'Import report' });
    expect(
      within(report).getByText(
        '1 pages, 1 groups and 2 widgets imported; 0 repaired, 1 left out, 0 without a topic.',
      ),
    ).toBeTruthy();
    const list = within(report).getByRole('list', { name: 'Dashboard nodes' });
    const items = within(list).getAllByRole('listitem');
    // What needs checking comes first.
    expect(items[0]!.textContent).toMatch(/^History \(ui_template\) → left out.*never shows/);
    expect(items.map((i) => i.textContent).join('\n')).toMatch(
      /Anzeige \(ui_gauge\) → Gauge\s*shows Erdgeschoss\/Wohnzimmer\/temp/,
    );

    fireEvent.click(within(report).getByRole('button', { name: 'Download report' }));
    const [name, text] = onDownload.mock.calls[0]! as [string, string];
    expect(name).toBe(`tafel-import-${imported.id}.txt`);
    expect(text).toContain('History (ui_template) → left out');
    expect(text).toContain('iot.eclipse.org:1883');

    fireEvent.click(
      within(report).getByRole('button', {
        name: 'Use ws://iot.eclipse.org:9001 in the broker settings',
      }),
    );
    expect(onUseBroker).toHaveBeenCalledWith('ws://iot.eclipse.org:9001');

    const open = within(report).getByRole('link', { name: `Open “${imported.title}”` });
    expect(open.getAttribute('href')).toBe(`/d/${imported.id}`);
    fireEvent.click(open);
    expect(onClose).toHaveBeenCalled();
  });

  it('imports a chosen file', async () => {
    const { onImport } = setup();
    const input = screen.getByLabelText('Import from a file') as HTMLInputElement;
    const file = new File([exportFile([dashboard('cellar', 'Cellar')])], 'cellar.json', {
      type: 'application/json',
    });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(onImport).toHaveBeenCalledTimes(1));
    expect(onImport.mock.calls[0]![0][0].title).toBe('Cellar');
  });

  it('imports a file dropped on the dialog', async () => {
    const { onImport, dialog } = setup();
    const file = new File(['not json'], 'broken.json', { type: 'application/json' });
    fireEvent.dragOver(dialog, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(dialog.className).toContain('transfer--dragging');
    fireEvent.drop(dialog, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(dialog.className).not.toContain('transfer--dragging');
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(onImport).not.toHaveBeenCalled();

    const good = new File([exportFile([dashboard('cellar', 'Cellar')])], 'cellar.json');
    fireEvent.drop(dialog, { dataTransfer: { types: ['Files'], files: [good] } });
    await waitFor(() => expect(onImport).toHaveBeenCalledTimes(1));
  });

  it('refuses a file over 5 MB before reading it', () => {
    const { onImport } = setup();
    const file = new File(['x'], 'huge.json');
    Object.defineProperty(file, 'size', { value: 6 * 1024 * 1024 });
    const text = vi.spyOn(file, 'text');
    fireEvent.change(screen.getByLabelText('Import from a file'), { target: { files: [file] } });
    expect(screen.getByRole('alert').textContent).toMatch(/huge\.json: Too large/);
    expect(text).not.toHaveBeenCalled();
    expect(onImport).not.toHaveBeenCalled();
  });

  it('starts afresh each time it opens, and closes by its button', () => {
    const { onClose, rerender } = setup();
    paste('nope');
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();

    const props = {
      dashboards: existing,
      currentId: null,
      onImport: vi.fn(),
      onExport: vi.fn(),
      onClose,
      hrefOf: (id: string) => `/d/${id}`,
      onDownload: vi.fn(),
    };
    rerender(<TransferDialog open={false} {...props} />);
    rerender(<TransferDialog open {...props} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(
      (screen.getByRole('textbox', { name: 'Or paste JSON' }) as HTMLTextAreaElement).value,
    ).toBe('');
  });
});

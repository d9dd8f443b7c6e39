import { expect, type Locator, type Page } from '@playwright/test';

/** What a person does in Tafel, by role and name: the editing steps the specs share. */
export class Tafel {
  constructor(readonly page: Page) {}

  get editToggle(): Locator {
    return this.page.getByRole('button', { name: 'Edit', exact: true });
  }

  async startEditing(): Promise<void> {
    await this.editToggle.click();
    await expect(this.editToggle).toHaveAttribute('aria-pressed', 'true');
  }

  async stopEditing(): Promise<void> {
    await this.editToggle.click();
    await expect(this.editToggle).toHaveAttribute('aria-pressed', 'false');
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async openDashboards(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Dashboards', exact: true }).click();
    const dialog = this.dialog('Dashboards');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Dashboards → Import and export… (in edit mode, as a person building a setup would). */
  async openTransfer(): Promise<Locator> {
    await this.startEditing();
    const dashboards = await this.openDashboards();
    await dashboards.getByRole('button', { name: 'Import and export…' }).click();
    return this.dialog('Import and export');
  }

  /** From an import's report: open the imported dashboard, and leave edit mode. */
  async openImported(report: Locator, title: string): Promise<void> {
    await report.getByRole('link', { name: `Open “${title}”` }).click();
    await expect(this.dialog('Import and export')).toBeHidden();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await this.stopEditing();
  }

  async newDashboard(name: string): Promise<void> {
    const list = await this.openDashboards();
    await list.getByRole('button', { name: 'New dashboard' }).click();
    const dialog = this.dialog('New dashboard');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async addPage(name: string): Promise<void> {
    await this.page.getByRole('button', { name: '+ Page' }).click();
    const dialog = this.dialog('New page');
    await dialog.getByLabel('Page name').fill(name);
    await dialog.getByRole('button', { name: 'Add page' }).click();
    await expect(this.page.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }

  async addGroup(name: string): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Edit' })
      .getByRole('button', { name: 'Add group' })
      .click();
    const dialog = this.dialog('New group');
    await dialog.getByLabel('Group name').fill(name);
    await dialog.getByRole('button', { name: 'Add group' }).click();
    await expect(this.page.getByRole('region', { name })).toBeVisible();
  }

  /** Add a widget of `type` (its picker name) to `group`; its settings panel opens. */
  async addWidget(group: string, type: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Add widget to ${group}` }).click();
    await this.dialog('Add a widget')
      .getByRole('button', { name: new RegExp(`^${type}`) })
      .click();
    return this.settingsPanel(type);
  }

  settingsPanel(type: string): Locator {
    return this.page.getByRole('complementary', { name: `${type} settings` });
  }

  /** Fill the settings form: labels to values, in order (each change applies live). */
  async fill(panel: Locator, values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = panel.getByLabel(label, { exact: true });
      await field.fill(value);
      await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    }
  }
}

/**
 * A header badge's details ("Connection": attempt, reason, next try, broker; "Dashboard
 * sync": why, which dashboard), opened if closed. While open they follow the state.
 */
export async function badgeDetails(
  page: Page,
  name: 'Connection' | 'Dashboard sync',
): Promise<Locator> {
  const button = page.getByRole('status', { name }).getByRole('button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const details = page.getByRole('group', { name: `${name} details` });
  await expect(details).toBeVisible();
  return details;
}

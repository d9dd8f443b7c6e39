import { dashboardOf, expect, openDashboard, test } from './fixtures.ts';
import { Tafel } from './tafel.ts';

/**
 * Runs in the page before Tafel, on every load: saves `dashboard` (once), as if configured
 * before, then fills this site's localStorage until the browser refuses even one character.
 */
function savedThenFull(dashboard: ReturnType<typeof dashboardOf>) {
  if (!sessionStorage.getItem('seeded')) {
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(
      'tafel.dashboards',
      JSON.stringify({ schemaVersion: 1, dashboards: [dashboard] }),
    );
    localStorage.setItem('tafel.last-dashboard', dashboard.id);
    localStorage.setItem(
      'tafel.sync',
      JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
    );
    let size = 1 << 20;
    for (let i = 0; size >= 1;) {
      try {
        localStorage.setItem(`junk.${i}`, 'x'.repeat(size));
        i++;
      } catch {
        size = Math.floor(size / 2);
      }
    }
  }
}

test('with the storage full, the app starts, says it cannot save, and keeps working', async ({
  page,
  broker,
}) => {
  const keller = dashboardOf('Keller', []);
  await page.addInitScript(savedThenFull, keller);
  const tafel = new Tafel(page);
  await openDashboard(page, broker);
  // The storage really is full: not one more character fits.
  expect(
    await page.evaluate(() => {
      try {
        localStorage.setItem('one-more', 'x');
        return 'written';
      } catch (e) {
        return (e as Error).name;
      }
    }),
  ).toBe('QuotaExceededError');

  await expect(page.getByRole('heading', { level: 1, name: 'Keller' })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'This browser cannot save' });
  await expect(notice).toContainText('storage for this site is full');

  // Edits work in the page; the failed save tells nothing new, and breaks nothing.
  await tafel.startEditing();
  await tafel.addGroup('Heizung');
  await page.waitForTimeout(600); // the save is debounced (300 ms)
  await expect(page.getByRole('region', { name: 'Heizung' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(1);

  // A reload still shows the app, from the copy saved before.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Keller' })).toBeVisible();
  await expect(notice).toBeVisible();
  await expect(page.getByRole('region', { name: 'Heizung' })).toHaveCount(0);
});

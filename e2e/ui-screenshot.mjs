// Opens the Temporal Web UI, finds a Hookflow workflow by search attribute, checks that its
// summary is shown and, when given, that an activity summary appears in its history, and saves
// a screenshot.
// Usage: node ui-screenshot.mjs <ui-url> <namespace> <query> <workflow-id> <summary> <png> [activity-summary]
import { chromium } from 'playwright-core';

const [ui, namespace, query, workflowId, summary, png, activity] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const list = `${ui}/namespaces/${namespace}/workflows?query=${encodeURIComponent(query)}`;
  await page.goto(list, { waitUntil: 'networkidle' });
  const link = page.getByRole('link', { name: workflowId }).first();
  await link.waitFor({ timeout: 30000 });
  await link.click();
  // Summary and details (static, set by the hub at start) are on the User Metadata tab.
  const metadata = page.locator(':is(a,button,[role=tab]):has-text("User Metadata")').first();
  if (await metadata.count()) {
    await metadata.click();
    await page.waitForURL(/metadata/i, { timeout: 5000 }).catch(() => {});
  }
  await page.getByText(summary, { exact: false }).first().waitFor({ timeout: 30000 });
  if (activity) {
    const history = page.locator(':is(a,button,[role=tab]):has-text("History")').first();
    await history.click();
    await page.getByText(activity, { exact: false }).first().waitFor({ timeout: 30000 });
  }
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: png, fullPage: false });
  console.log(`found ${workflowId} by "${query}" with summary "${summary}"` +
    (activity ? ` and activity "${activity}"` : '') + `; screenshot ${png}`);
} finally {
  await browser.close();
}

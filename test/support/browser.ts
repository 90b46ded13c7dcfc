/**
 * Headless Chromium for tests of the real n8n editor: Debian's `/usr/bin/chromium` (installed by
 * scripts/chromium.sh; Playwright's own browser download does not work here) driven by
 * playwright-core. Every launch gets a new, empty profile folder, removed by `close()`, and only
 * 127.0.0.1 is reachable: requests to any other host are aborted and listed in `blocked`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, the only browser these tests use. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine without GPU, sandbox support or internet. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** A launched browser with one page. */
export interface EditorBrowser {
	context: BrowserContext;
	page: Page;
	/** URLs of requests to hosts other than 127.0.0.1, aborted (e.g. the editor asks registry.npmjs.org about community packages). */
	blocked: string[];
	/** Closes the browser and removes its profile folder; safe to call more than once. */
	close(): Promise<void>;
}

/**
 * Launches headless Chromium with a new temp profile (`--user-data-dir`), a 1440×900 viewport,
 * 30 s default time-out for actions and waits, 60 s for navigations. Throws, naming
 * scripts/chromium.sh, when Chromium is not installed.
 */
export async function launchEditorBrowser(): Promise<EditorBrowser> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`${CHROMIUM_PATH} is missing: run \`bash scripts/chromium.sh\` as root (installs Debian's chromium)`,
		);
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const context = await chromium
		.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
			timeout: 60_000,
		})
		.catch((error: Error) => {
			fs.rmSync(profile, { recursive: true, force: true });
			throw error;
		});
	context.setDefaultTimeout(30_000);
	context.setDefaultNavigationTimeout(60_000);
	const blocked: string[] = [];
	await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
		blocked.push(route.request().url());
		return route.abort();
	});
	const page = context.pages()[0] ?? (await context.newPage());
	let closed = false;
	return {
		context,
		page,
		blocked,
		close: async () => {
			if (closed) return;
			closed = true;
			await context.close().catch(() => undefined);
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * Signs in on `<baseUrl>/signin` with the n8n login form and resolves once the editor has left
 * the sign-in page. Throws if the form or the redirect does not come within the time-outs.
 */
export async function signIn(
	page: Page,
	baseUrl: string,
	owner: { email: string; password: string },
): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	// The SPA renders the form after its bundles load: wait for it, not for "networkidle".
	const password = page.locator('input[type="password"]');
	await password.waitFor({ timeout: 60_000 });
	await page
		.locator('input[name="emailOrLdapLoginId"], input[type="email"]')
		.first()
		.fill(owner.email);
	await password.fill(owner.password);
	await password.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/**
 * Closes n8n's popovers that may cover controls, whenever one shows up before an action (e.g.
 * the "Production checklist" of a published workflow).
 */
export async function dismissPopovers(page: Page): Promise<void> {
	await page.addLocatorHandler(
		page.locator('[data-test-id="suggested-actions-close"]'),
		async (close) => {
			await close.click();
		},
	);
}

/**
 * Waits until an `<input>` holds exactly `expected` (Element Plus selects keep the shown label
 * in the input's value) and throws with the value it had otherwise.
 */
export async function waitForInputValue(
	input: Locator,
	expected: string,
	timeoutMs = 15_000,
): Promise<void> {
	const handle = await input.elementHandle({ timeout: timeoutMs });
	try {
		await input
			.page()
			.waitForFunction(
				([element, value]) => (element as unknown as { value: string }).value === value,
				[handle, expected] as const,
				{
					timeout: timeoutMs,
				},
			);
	} catch {
		throw new Error(
			`expected ${input} to show "${expected}" within ${timeoutMs} ms, it shows "${await input.inputValue()}"`,
		);
	} finally {
		await handle?.dispose();
	}
}

/** Runs `step`; if it throws, saves a screenshot of the page to `file` first, then rethrows. */
export async function screenshotOnFailure<T>(
	page: Page,
	file: string,
	step: () => Promise<T>,
): Promise<T> {
	try {
		return await step();
	} catch (error) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await page.screenshot({ path: file }).catch(() => undefined);
		throw error;
	}
}

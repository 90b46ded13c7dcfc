/**
 * The AIRudder node in the REAL n8n 2.41.1 editor, driven by headless Chromium the way a user
 * clicks: sign in as the owner, open a new workflow, find "AIRudder" in the node panel, add it
 * as Task → Create, and open the Robot list, which the editor loads through the AIRudder
 * credential from the sandbox (`GET /service/cloud/robot` with `Authorization: Token …`).
 * Leaves test/artifacts/editor-task-create.png (and editor-failure-<step>.png when a step fails).
 *
 * Needs /usr/bin/chromium (scripts/chromium.sh). Without it the file is skipped, except on CI
 * (CI set), where it fails and says how to install it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import type { Page } from 'playwright-core';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	CHROMIUM_PATH,
	dismissPopovers,
	launchEditorBrowser,
	screenshotOnFailure,
	signIn,
	waitForInputValue,
	type EditorBrowser,
} from '../support/browser';
import { ensureN8nRuntime, N8nInstance, OWNER } from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const SCREENSHOT = path.join(ARTIFACTS, 'editor-task-create.png');
const NODE_TYPE = 'n8n-nodes-airudder.airudder';
/** The three action nodes, as n8n serves them to the editor. */
const ACTION_NODES = [
	'n8n-nodes-airudder.airudder',
	'n8n-nodes-airudder.airudderChatbot',
	'n8n-nodes-airudder.airudderPredictiveDialer',
];
const CALLBACK_CREDENTIAL = {
	id: 'airudderBrowserCallback',
	name: 'AIRudder callbacks',
	type: 'airudderCallbackApi',
};
const APP_KEY = 'browser-app-key';
const APP_SECRET = 'browser-app-secret';
const CREDENTIAL = { id: 'airudderBrowserCred', name: 'AIRudder sandbox', type: 'airudderApi' };
/** The sandbox's default robots as the Robot list shows them: "<RobotName> (<RobotID>)". */
const ROBOTS = [
	'Sandbox robot 1 (e9f60ec4e5f1721c7992dc882767eb19)',
	'Sandbox robot 2 (5f0c2a7d9b1e4c3a8d6f0e2b4a6c8d0e)',
	'Sandbox robot 3 (0b9a8c7d6e5f40312a3b4c5d6e7f8091)',
];

/** The properties of a node description that a new node (its default version) shows. */
function atDefaultVersion(node: INodeTypeDescription) {
	const version =
		node.defaultVersion ?? (Array.isArray(node.version) ? Math.max(...node.version) : node.version);
	return node.properties.filter((p) => {
		const shown = p.displayOptions?.show?.['@version'] as unknown[] | undefined;
		return !shown || shown.includes(version);
	});
}

/** The Operation dropdown of `resource` in a new node: its default and its options. */
function operations(node: INodeTypeDescription, resource: string) {
	const property = atDefaultVersion(node).find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	if (!property) throw new Error(`${node.name} has no Operation for resource ${resource}`);
	const options = property.options as INodePropertyOptions[];
	const option = (value: unknown) => {
		const found = options.find((o) => o.value === value);
		if (!found) throw new Error(`${node.name}: ${resource} has no operation ${String(value)}`);
		return found;
	};
	return { defaultOption: option(property.default), option };
}

const byTestId = (id: string) => `[data-test-id="${id}"]`;
/** The `<input>` that has the test id, or the one inside the element that has it. */
const inputByTestId = (id: string) => `input${byTestId(id)}, ${byTestId(id)} input`;
/** A RegExp matching exactly `text` (for Playwright's `hasText`, which otherwise matches substrings). */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}$`);
const describeWithChromium =
	fs.existsSync(CHROMIUM_PATH) || process.env.CI ? describe : describe.skip;

describeWithChromium('AIRudder node in the n8n editor (headless Chromium)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let browser: EditorBrowser;
	let page: Page;
	/** The AIRudder node's description as the editor received it (`/types/nodes.json`). */
	let airudder: INodeTypeDescription;
	/** Every node description the editor received, after n8n's own additions. */
	let served: INodeTypeDescription[];
	/** The node title n8n gives a node added from Task → Create: the operation's `action` text. */
	let nodeTitle: string;
	/** Runs a step of the test, leaving a screenshot of the page when it fails. */
	const step = <T>(name: string, run: () => Promise<T>) =>
		screenshotOnFailure(page, path.join(ARTIFACTS, `editor-failure-${name}.png`), run);
	const ndv = () => page.locator(byTestId('ndv'));
	const parameterInput = (name: string) =>
		ndv()
			.locator(`${byTestId(`parameter-input-${name}`)} input`)
			.first();

	/** Picks `option` in the dropdown of the options parameter `name` of the open node. */
	async function pickOption(name: string, option: string): Promise<void> {
		await ndv()
			.locator(byTestId(`parameter-input-${name}`))
			.click();
		await page.getByRole('option', { name: option, exact: true }).click();
		await waitForInputValue(parameterInput(name), option);
	}

	beforeAll(async () => {
		if (!fs.existsSync(path.join(ROOT, 'dist/nodes/Airudder/Airudder.node.js'))) {
			execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		}
		await ensureN8nRuntime(); // minutes on a cold machine, then cached
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url } },
			{ ...CALLBACK_CREDENTIAL, data: { carriedIn: 'none' } },
		]);
		await n8n.start();
		browser = await launchEditorBrowser();
		page = browser.page;
		await dismissPopovers(page);
	}, 20 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await sandbox?.close();
	}, 60_000);

	test('the owner signs in, the AIRudder node type is served, a new workflow opens empty', async () => {
		await step('sign-in', async () => {
			await signIn(page, n8n.baseUrl, OWNER);
			const types = await page.request.get(`${n8n.baseUrl}/types/nodes.json`);
			expect(types.status()).toBe(200);
			served = (await types.json()) as INodeTypeDescription[];
			const found = served.find((t) => t.name === NODE_TYPE);
			expect(found?.displayName).toBe('AIRudder');
			airudder = found as INodeTypeDescription;
			nodeTitle = String(operations(airudder, 'task').option('create').action);
			await page.goto(`${n8n.baseUrl}/workflow/new`);
			// The editor loads ~900 node types before the canvas shows.
			await page.locator(byTestId('canvas-add-button')).waitFor({ timeout: 60_000 });
			expect(await page.locator(byTestId('canvas-node')).count()).toBe(0);
		});
	}, 120_000);

	test('n8n serves one Custom API Call per action node: last in the Resource list, one operation', () => {
		for (const type of ACTION_NODES) {
			const node = served.find((t) => t.name === type);
			expect(node).toBeDefined();
			const properties = atDefaultVersion(node!);
			const resources = properties.find((p) => p.name === 'resource')!
				.options as INodePropertyOptions[];
			// n8n adds its generic "Custom API Call" (__CUSTOM_API_CALL__) unless the list ends with one
			expect({ type, resources: resources.map((o) => [o.name, o.value]).slice(-2) }).toEqual({
				type,
				resources: [expect.anything(), ['Custom API Call', 'custom']],
			});
			expect(resources.filter((o) => o.name === 'Custom API Call')).toHaveLength(1);
			const custom = operations(node!, 'custom');
			expect(custom.defaultOption.name).toBe('Custom API Call');
			const customOperations = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('custom'),
			)!.options as INodePropertyOptions[];
			expect(customOperations.map((o) => o.name)).toEqual(['Custom API Call']);
		}
	});

	test('the node panel finds AIRudder and adds it as Task → Create with the credential', async () => {
		await step('add-node', async () => {
			await page.locator(byTestId('node-creator-plus-button')).click();
			const creator = page.locator(byTestId('node-creator'));
			await creator.locator(byTestId('node-creator-search-bar')).fill('AIRudder');
			const itemNamed = (name: string) =>
				creator.locator(byTestId('node-creator-item-name'), { hasText: exactly(name) });
			await itemNamed('AIRudder').click();
			// A new workflow opens the panel on triggers: the node's actions are a folded section.
			const actions = page.locator(byTestId('node-creator-category-item'), {
				hasText: /^Actions \(\d+\)/,
			});
			await actions.waitFor();
			if (await creator.locator('[data-category-collapsed="true"]', { has: actions }).count()) {
				await actions.click();
			}
			// The Actions panel: grouped by resource, the Custom API Call group last (as n8n's own nodes)
			await itemNamed(nodeTitle).waitFor();
			const lines = (await creator.innerText()).split('\n').map((line) => line.trim());
			const resourceGroups = lines.filter((line) => / actions$/i.test(line));
			fs.mkdirSync(ARTIFACTS, { recursive: true });
			fs.writeFileSync(path.join(ARTIFACTS, 'editor-actions-panel.txt'), lines.join('\n'));
			expect(resourceGroups.length).toBeGreaterThan(3);
			expect(resourceGroups[resourceGroups.length - 1]).toMatch(/^Custom API Call actions$/i);
			expect(resourceGroups.filter((line) => /^Custom API Call/i.test(line))).toHaveLength(1);
			await itemNamed(nodeTitle).click();

			await ndv().waitFor();
			expect(
				await ndv()
					.locator(`${byTestId('node-title-container')} ${byTestId('inline-edit-preview')}`)
					.innerText(),
			).toBe(nodeTitle);
			await waitForInputValue(parameterInput('resource'), 'Task');
			await waitForInputValue(parameterInput('operation'), 'Create');

			// The Resource list as rendered: one Custom API Call, last.
			await ndv().locator(byTestId('parameter-input-resource')).click();
			const shown = (await page.getByRole('option').allInnerTexts()).map((t) => t.trim());
			expect(shown).toEqual([
				'Process',
				'Recording',
				'Robot',
				'SMS',
				'Task',
				'Workflow',
				'Custom API Call',
			]);
			await page.keyboard.press('Escape');

			// Get (a read) is Task's default operation: switching the resource away and back shows it.
			expect(operations(airudder, 'task').defaultOption.name).toBe('Get');
			await pickOption('resource', 'Robot');
			const robotDefault = operations(airudder, 'robot').defaultOption.name;
			await waitForInputValue(parameterInput('operation'), robotDefault);
			await pickOption('resource', 'Task');
			await waitForInputValue(parameterInput('operation'), 'Get');
			// operations show their description under the name: pick by the headline
			await ndv().locator(byTestId('parameter-input-operation')).click();
			await page
				.getByRole('option')
				.filter({ has: page.locator('.option-headline', { hasText: exactly('Create') }) })
				.click();
			await waitForInputValue(parameterInput('operation'), 'Create');
			await ndv().locator(byTestId('parameter-input-taskName')).waitFor();

			// The only AIRudder credential is selected by itself; pick it if it is not.
			const credential = ndv().locator(`${byTestId('node-credentials-select')} input`);
			await waitForInputValue(credential, CREDENTIAL.name, 5_000).catch(async () => {
				await credential.click();
				await page.getByRole('option', { name: CREDENTIAL.name }).click();
			});
			await waitForInputValue(credential, CREDENTIAL.name);
		});
	}, 60_000);

	test('the Robot list shows the sandbox robots, fetched through the credential', async () => {
		await step('robot-list', async () => {
			sandbox.clearRequests();
			const robot = ndv().locator(byTestId('resource-locator-robotId'));
			await waitForInputValue(robot.locator(inputByTestId('rlc-mode-selector')), 'From list');
			await robot.locator(byTestId('rlc-input')).click();
			const items = page.locator(byTestId('rlc-item'));
			await items.filter({ hasText: ROBOTS[2] }).waitFor();
			expect(await items.allInnerTexts()).toEqual(ROBOTS);

			const listCalls = sandbox.requests.filter(
				(r) => r.method === 'GET' && r.path === '/service/cloud/robot',
			);
			expect(listCalls.length).toBeGreaterThanOrEqual(1);
			expect(
				listCalls.every(
					(r) => r.status === 200 && /^Token \S+$/.test(String(r.headers.authorization)),
				),
			).toBe(true);
			expect(sandbox.tokensIssued).toBe(1);

			fs.mkdirSync(ARTIFACTS, { recursive: true });
			await page.screenshot({ path: SCREENSHOT });
		});
	}, 60_000);

	test('searching the Robot list and choosing a robot fills the parameter', async () => {
		await step('robot-choose', async () => {
			await page.locator(inputByTestId('rlc-search')).fill('robot 3');
			const items = page.locator(byTestId('rlc-item'));
			// Robot 1 goes (filtered out, or the list reloads for the search), then robot 3 is back.
			await items.filter({ hasText: ROBOTS[0] }).waitFor({ state: 'detached' });
			await items.filter({ hasText: ROBOTS[2] }).waitFor();
			expect(await items.allInnerTexts()).toEqual([ROBOTS[2]]);
			await items.first().click();
			await waitForInputValue(
				ndv().locator(byTestId('resource-locator-robotId')).locator(inputByTestId('rlc-input')),
				ROBOTS[2],
			);

			// Back on the canvas: the manual trigger n8n put first, and the AIRudder node.
			await page.locator(byTestId('ndv-close-button')).click();
			await ndv().waitFor({ state: 'hidden' });
			const node = page.locator(byTestId('canvas-node'), { hasText: nodeTitle });
			await node.waitFor();
			expect(await page.locator(byTestId('canvas-node')).count()).toBe(2);
		});
	}, 60_000);

	test('the callback credential\'s query-parameter hint reads as written ("?<name>=<secret>")', async () => {
		await step('credential-hint', async () => {
			await page.goto(`${n8n.baseUrl}/home/credentials/${CALLBACK_CREDENTIAL.id}`);
			const carriedIn = page.locator(byTestId('parameter-input-carriedIn')).first();
			await carriedIn.waitFor({ timeout: 60_000 });
			await carriedIn.click();
			const option = page.getByRole('option').filter({ hasText: 'In URL Query Parameter' });
			await option.waitFor();
			const description = (await option.locator('.option-description').innerText()).trim();
			expect(description).toMatch(/^Add \?<name>=<secret> to the Production URL you give AIRudder/);
			await page.keyboard.press('Escape');
		});
	}, 120_000);
});

/**
 * The AIRudder package in a REAL n8n 1.123.81 (the newest 1.x; scripts/n8n-runtime.sh 1 installs
 * it from the npm registry), installed the way a manual community-node install does it, against
 * the sandbox over real HTTP on 127.0.0.1. n8n 1.x ships n8n-workflow 1.120, which lacks the
 * webhook description helpers of n8n-workflow 2.35 (nodes/Airudder/helpers/n8nCompat.ts falls
 * back to expression templates there): every node and credential registers, the examples run,
 * both credential tests work, and the triggers answer on the paths and with the answers their
 * (fallback) webhook descriptions give. test/e2e/airudder.test.ts covers n8n 2.41.1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import got from 'got';
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';

import { DEFAULT_CHATBOT_API_KEY } from '../../sandbox/chatbot';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { qaSandboxCredential } from '../support/qa';
import {
	ensureN8nRuntime,
	N8N_VERSIONS,
	N8nInstance,
	nodeOutput,
	type WorkflowJson,
} from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const APP_KEY = 'e2e-app-key';
const APP_SECRET = 'e2e-app-secret';
const CREDENTIAL = { id: 'airudderSandboxCred', name: 'AIRudder sandbox', type: 'airudderApi' };
const CHATBOT_CREDENTIAL = {
	id: 'airudderChatbotSandboxCred',
	name: 'AIRudder Chatbot sandbox',
	type: 'airudderChatbotApi',
};
const EXAMPLES = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));
const example = (name: string) =>
	JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as WorkflowJson;
/** Every example that starts with a Manual Trigger (the others are trigger workflows). */
const MANUAL_EXAMPLES = EXAMPLES.filter((file) =>
	JSON.stringify(example(file)).includes('n8n-nodes-base.manualTrigger'),
);
const CHATBOT_HOOK_ID = '7c9f3a51-2d3e-4f40-8b5c-6d7e8f9a0b1c';

/** One trigger node in a workflow of its own. */
function hookFlow(
	id: string,
	type: string,
	webhookId: string,
	parameters: IDataObject,
): WorkflowJson {
	return {
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: `${id}-1`,
				name: 'Trigger',
				type,
				typeVersion: 1.1,
				position: [0, 0],
				webhookId,
				parameters: parameters as never,
			},
		],
	};
}

/** The chatbot trigger answering with the last node's first item (responseData fallback). */
const chatbotHook = hookFlow(
	'airudderN8n1ChatbotHook',
	'n8n-nodes-airudder.airudderChatbotTrigger',
	CHATBOT_HOOK_ID,
	{ responseMode: 'lastNode' },
);

describe(`AIRudder nodes in a real n8n ${N8N_VERSIONS[1]}`, () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	const taskExample = example('task-create.json');
	const hookExample = example('callback-trigger.json');
	const post = (url: string, body: object) =>
		got.post(url, { json: body, throwHttpErrors: false, retry: { limit: 0 } });

	beforeAll(async () => {
		await ensureN8nRuntime(1); // minutes on a cold machine, then cached
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		n8n = new N8nInstance({ packageDir: ROOT, line: 1 });
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url } },
			{ ...CHATBOT_CREDENTIAL, data: { apiKey: DEFAULT_CHATBOT_API_KEY, baseUrl: sandbox.url } },
			// examples/pds-campaign.json
			{
				id: 'airudderPdsSandboxCred',
				name: 'AIRudder PDS sandbox',
				type: 'airudderPdsApi',
				data: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
			qaSandboxCredential(sandbox.url),
		]);
		await n8n.importWorkflow([...EXAMPLES.map(example), chatbotHook]);
		for (const id of [hookExample.id, chatbotHook.id]) await n8n.publishWorkflow(id);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	}, 60_000);

	test("the built nodes use only n8n-workflow exports that n8n 1.x's n8n-workflow has", async () => {
		const runtime = await ensureN8nRuntime(1);
		const n8nRequire = createRequire(
			require.resolve('n8n/package.json', { paths: [path.dirname(runtime.n8n)] }),
		);
		const exported = new Set(Object.keys(n8nRequire('n8n-workflow') as object));
		const used = new Set<string>();
		const distFiles = (dir: string): string[] =>
			readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
				e.isDirectory()
					? distFiles(`${dir}/${e.name}`)
					: e.name.endsWith('.js')
						? [`${dir}/${e.name}`]
						: [],
			);
		for (const file of [...distFiles('dist/nodes'), ...distFiles('dist/credentials')]) {
			const code = readFileSync(path.join(ROOT, file), 'utf8');
			for (const [, name] of code.matchAll(/\bn8n_workflow_1\.(\w+)/g)) used.add(name);
		}
		expect(used.size).toBeGreaterThan(3);
		// the webhook field helpers are read from a namespace import and feature-detected
		const missing = [...used].filter((name) => !exported.has(name));
		expect(missing).toEqual([]);
	});

	test('the examples create ONE task and read it back, with one token for two executions', async () => {
		for (let run = 0; run < 2; run++) {
			const result = await n8n.execute(taskExample.id);
			expect(result.status).toBe('success');
			const created = nodeOutput(result, 'Create Task');
			expect(created).toHaveLength(3);
			expect(new Set(created.map((c) => c.TaskID)).size).toBe(1);
			expect(nodeOutput(result, 'Get Task')[0]).toMatchObject({
				TaskID: created[0].TaskID,
				Total: 3,
			});
		}
		expect(sandbox.tokensIssued).toBe(1);
	}, 120_000);

	test.each(MANUAL_EXAMPLES.filter((file) => file !== 'task-create.json'))(
		'examples/%s imports and executes against the sandbox',
		async (file) => {
			const flow = example(file);
			const result = await n8n.execute(flow.id);
			expect(result.data.resultData.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(nodeOutput(result, flow.nodes[flow.nodes.length - 1].name).length).toBeGreaterThan(0);
		},
		120_000,
	);

	describe('with the n8n server running', () => {
		beforeAll(async () => {
			await n8n.start();
			await n8n.login();
		}, 180_000);

		test('registers every node and credential of the package, triggers with expression templates', async () => {
			const types = <T>(file: string) => n8n.getJson<T[]>(`/types/${file}`);
			const nodes = (await types<INodeTypeDescription>('nodes.json')).filter((t) =>
				t.name.startsWith('n8n-nodes-airudder.'),
			);
			const credentials = (await types<{ name: string }>('credentials.json')).map((c) => c.name);
			expect(nodes.map((t) => t.name).sort()).toEqual([
				'n8n-nodes-airudder.airudder',
				'n8n-nodes-airudder.airudderChatbot',
				'n8n-nodes-airudder.airudderChatbotTool', // usableAsTool: n8n adds the AI-agent tool
				'n8n-nodes-airudder.airudderChatbotTrigger',
				'n8n-nodes-airudder.airudderPredictiveDialer',
				'n8n-nodes-airudder.airudderPredictiveDialerTool',
				'n8n-nodes-airudder.airudderQa',
				'n8n-nodes-airudder.airudderQaTool',
				'n8n-nodes-airudder.airudderTool',
				'n8n-nodes-airudder.airudderTrigger',
			]);
			expect(nodes.filter((t) => !t.name.endsWith('Tool'))).toHaveLength(PACKAGE.n8n.nodes.length);
			expect(credentials).toEqual(
				expect.arrayContaining([
					'airudderApi',
					'airudderCallbackApi',
					'airudderChatbotApi',
					'airudderPdsApi',
					'airudderQaApi',
				]),
			);
			const trigger = nodes.find((t) => t.name === 'n8n-nodes-airudder.airudderTrigger')!;
			expect(trigger.webhooks?.[0]).toMatchObject({
				httpMethod: 'POST',
				path: 'airudder',
				responseMode: '={{$parameter["responseMode"] || "onReceived"}}',
				responseData: expect.stringMatching(/^=\{\{\(.*lastNode.*\)\(\$parameter\)\}\}$/s),
			});
		}, 60_000);

		test('both credential tests accept the right key and name a wrong one', async () => {
			const test = (credential: object, data: IDataObject) =>
				n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
					credentials: { ...credential, data },
				});
			const voice = { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url };
			expect((await test(CREDENTIAL, voice)).data.status).toBe('OK');
			const badVoice = await test(CREDENTIAL, { ...voice, appSecret: 'not-the-secret-9Q7' });
			expect(badVoice.data).toMatchObject({ status: 'Error' });
			expect(badVoice.data.message).toMatch(
				/AIRudder refused the APPKey\/APPSecret: .*\(HTTP 401 at \/service\/cloud\/auth\)/,
			);
			expect(badVoice.data.message).not.toContain('not-the-secret-9Q7');

			sandbox.clearRequests();
			const chatbot = { apiKey: DEFAULT_CHATBOT_API_KEY, baseUrl: sandbox.url };
			expect((await test(CHATBOT_CREDENTIAL, chatbot)).data.status).toBe('OK');
			const badChatbot = await test(CHATBOT_CREDENTIAL, { ...chatbot, apiKey: 'wrong-key-7Zq' });
			expect(badChatbot.data.status).toBe('Error');
			expect(badChatbot.data.message).not.toContain('wrong-key-7Zq');
			// the test is the documented message list read, nothing is sent to anyone
			const sent = new Set(sandbox.requests.map((r) => `${r.method} ${r.path}`));
			expect([...sent]).toEqual(['POST /api/v1/session/messages']);
		}, 60_000);

		test('the trigger answers 200 {} as JSON and emits the callback as one item', async () => {
			const url = n8n.webhookUrl(String(hookExample.nodes[0].webhookId), 'airudder');
			const answer = await sandbox.fireCallback(url, 'workflowWabaMessageStatusChanged');
			expect(answer).toEqual({ status: 200, body: '{}' });
			const row = await n8n.waitForExecution(
				(r) => r.workflowId === hookExample.id && r.finished === 1,
			);
			const [item] = nodeOutput(await n8n.executionRun(row.id), 'AIRudder Trigger');
			expect(item).toMatchObject({
				status: 'delivery',
				_event: 'workflowWabaMessageStatusChanged',
			});
		}, 60_000);

		test('the chatbot trigger in "last node" mode answers with the emitted item', async () => {
			const res = await post(n8n.webhookUrl(CHATBOT_HOOK_ID, 'airudder-chatbot'), {
				call_id: 'c-1',
				msg_id: 'm-1',
			});
			expect(res.statusCode).toBe(200);
			expect(JSON.parse(res.body)).toMatchObject({ call_id: 'c-1', msg_id: 'm-1' });
		}, 60_000);
	});
});

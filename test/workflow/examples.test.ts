/**
 * Every workflow in examples/ runs here as a workflow test: n8n-core's WorkflowExecute (the
 * harness) runs the file as it is against the sandbox over real HTTP, and each node's output is
 * checked against EXPECTATIONS below. Examples are discovered from the folder: a new
 * examples/<name>.json fails this test until it has an entry here (and an entry without its file
 * fails too). Trigger-only examples get their callback posted to the trigger's webhook() through
 * the harness. test/e2e/airudder.test.ts also imports and runs them in a real n8n.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { AirudderApi } from '../../credentials/AirudderApi.credentials';
import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { Airudder } from '../../nodes/Airudder/Airudder.node';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import { AirudderChatbotTrigger } from '../../nodes/Airudder/AirudderChatbotTrigger.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import { callbackExample } from '../../sandbox/callbacks';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CodeStandIn } from '../fixtures/harness/CodeStandIn.node';
import { MANUAL_TRIGGER_TYPE, WorkflowHarness, type HarnessWorkflow } from '../support/workflow';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const FILES = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.sort();
const load = (file: string) =>
	JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as HarnessWorkflow;

const APP_KEY = 'examples-app-key';
const APP_SECRET = 'examples-app-secret';
const CHATBOT_KEY = 'examples-chatbot-key';

const HEX32 = expect.stringMatching(/^[0-9a-f]{32}$/);
/** `demo-{{ $now.toFormat('yyyyLLdd-HHmmss') }}` and the like. */
const stamped = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}-\\d{8}-\\d{6}$`));

/** What one example must do. */
interface ExampleExpectation {
	/**
	 * Trigger-only examples: the sandbox callback (sandbox/callbacks.ts) posted to the trigger
	 * node, as AIRudder would. Manual-trigger examples leave it out and are executed.
	 */
	callback?: string;
	/**
	 * Every node's output items (json), in order: each item must match (toMatchObject) and the
	 * counts must be equal. Every node of the example needs an entry.
	 */
	nodes: Record<string, IDataObject[]>;
	/** The requests the sandbox must receive, in order (the token exchange aside). */
	requests: string[];
}

const EXPECTATIONS: Record<string, ExampleExpectation> = {
	'callback-trigger.json': {
		callback: 'workflowWabaMessageStatusChanged',
		nodes: {
			'AIRudder Trigger': [
				{
					...callbackExample('workflowWabaMessageStatusChanged').body,
					_event: 'workflowWabaMessageStatusChanged',
				},
			],
		},
		requests: [],
	},
	'chatbot-template.json': {
		nodes: {
			Start: [{}],
			Receivers: [
				{ phone: '6281234567801', name: 'Ayu' },
				{ phone: '6281234567802', name: 'Budi' },
			],
			'Send Template': [
				{ task_id: HEX32, receiver: '6281234567801', template_id: 288, request_id: HEX32 },
				{ task_id: HEX32, receiver: '6281234567802', template_id: 288, request_id: HEX32 },
			],
		},
		// Different variables (the names): one request per receiver.
		requests: ['POST /api/v1/template/send', 'POST /api/v1/template/send'],
	},
	'task-create.json': {
		nodes: {
			Start: [{}],
			Contacts: [
				{ Mobile: '+6281234567801', Customer: 'Ayu', Gender: 'female' },
				{ Mobile: '+6281234567802', Customer: 'Budi', Gender: 'male' },
				{ Mobile: '+6281234567803', Customer: 'Citra' },
			],
			'Create Task': ['+6281234567801', '+6281234567802', '+6281234567803'].map((Mobile) => ({
				TaskID: HEX32,
				TaskName: stamped('demo'),
				Mobile,
				rejected: false,
			})),
			'Get Task': [
				{
					TaskID: HEX32,
					TaskName: stamped('demo'),
					Status: 'running',
					Total: 3,
					list: ['+6281234567801', '+6281234567802', '+6281234567803'].map((Callee) => ({
						Callee,
						CallStatus: 'pending',
					})),
				},
			],
		},
		requests: ['POST /service/cloud/v2/task', 'GET /service/cloud/detail'],
	},
	'workflow-create.json': {
		nodes: {
			Start: [{}],
			Contacts: [
				{ callee_number: '+6281234567801', callee_name: 'Ayu', case_id: 'CASE-1' },
				{ callee_number: '+6281234567802', callee_name: 'Budi', case_id: 'CASE-2' },
			],
			'Create Workflow Task': [
				{ workflow_id: HEX32, name: stamped('reminders'), contactsSent: 2, requests: 1 },
			],
		},
		requests: ['POST /service/cloud/workflow/createinstance'],
	},
};

describe('examples/*.json as workflow tests (n8n-core against the sandbox)', () => {
	let sandbox: Sandbox;
	let harness: WorkflowHarness;
	beforeAll(async () => {
		sandbox = await startSandbox({
			appKey: APP_KEY,
			appSecret: APP_SECRET,
			chatbotApiKey: CHATBOT_KEY,
		});
		harness = new WorkflowHarness({
			nodeTypes: {
				'n8n-nodes-airudder.airudder': new Airudder(),
				'n8n-nodes-airudder.airudderChatbot': new AirudderChatbot(),
				'n8n-nodes-airudder.airudderTrigger': new AirudderTrigger(),
				'n8n-nodes-airudder.airudderChatbotTrigger': new AirudderChatbotTrigger(),
				'n8n-nodes-base.code': new CodeStandIn(),
			},
			credentialTypes: [new AirudderApi(), new AirudderChatbotApi()],
			credentials: {
				airudderApi: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
				airudderChatbotApi: { apiKey: CHATBOT_KEY, signSecret: '', baseUrl: sandbox.url },
			},
		});
	});
	afterAll(async () => {
		await harness.close();
		await sandbox.close();
	});
	beforeEach(() => sandbox.clearRequests());

	test('the folder holds examples, and every expectation entry names one of them', () => {
		expect(FILES.length).toBeGreaterThan(0);
		expect(Object.keys(EXPECTATIONS).filter((file) => !FILES.includes(file))).toEqual([]);
	});

	test.each(FILES)('examples/%s: each node outputs what EXPECTATIONS says', async (file) => {
		const expected = EXPECTATIONS[file];
		if (!expected) {
			throw new Error(
				`examples/${file} has no entry in EXPECTATIONS (test/workflow/examples.test.ts): add each node's expected output`,
			);
		}
		const flow = load(file);
		expect(Object.keys(expected.nodes).sort()).toEqual(flow.nodes.map((n) => n.name).sort());

		const outputs: Record<string, IDataObject[]> = {};
		if (expected.callback === undefined) {
			expect(flow.nodes.map((n) => n.type)).toContain(MANUAL_TRIGGER_TYPE);
			const result = await harness.run(flow);
			expect(result.error).toBeUndefined();
			for (const node of flow.nodes) outputs[node.name] = result.json(node.name);
		} else {
			expect(flow.nodes).toHaveLength(1);
			const [trigger] = flow.nodes;
			const answer = await harness.webhook(
				trigger.type,
				trigger.parameters,
				{
					body: callbackExample(expected.callback).body,
					headers: { 'user-agent': 'Airudder' },
				},
				{ typeVersion: trigger.typeVersion },
			);
			expect(answer.webhookResponse).toEqual({});
			outputs[trigger.name] = (answer.workflowData?.[0] ?? []).map((item) => item.json);
		}
		expect(outputs).toMatchObject(expected.nodes);
		expect(
			sandbox.requests
				.filter((r) => r.path !== '/service/cloud/auth')
				.map((r) => `${r.method} ${r.path}`),
		).toEqual(expected.requests);
	});
});

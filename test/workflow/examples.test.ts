/**
 * Every workflow in examples/ runs here as a workflow test: n8n-core's WorkflowExecute (the
 * harness) runs the file as it is against the sandbox over real HTTP, and each node's output is
 * checked against EXPECTATIONS below. Examples are discovered from the folder: a new
 * examples/<name>.json fails this test until it has an entry here (and an entry without its file
 * fails too). Manual Trigger parts are executed; an AIRudder Trigger gets the sandbox callbacks
 * of its entry posted to its webhook() through the harness, each one it passes on running the
 * nodes after it as one webhook execution. test/e2e/airudder.test.ts also imports and runs them
 * in a real n8n.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AirudderApi } from '../../credentials/AirudderApi.credentials';
import { AirudderChatbotApi } from '../../credentials/AirudderChatbotApi.credentials';
import { AirudderPdsApi } from '../../credentials/AirudderPdsApi.credentials';
import { AirudderQaApi } from '../../credentials/AirudderQaApi.credentials';
import { Airudder } from '../../nodes/Airudder/Airudder.node';
import { AirudderChatbot } from '../../nodes/Airudder/AirudderChatbot.node';
import { AirudderChatbotTrigger } from '../../nodes/Airudder/AirudderChatbotTrigger.node';
import { AirudderPredictiveDialer } from '../../nodes/Airudder/AirudderPredictiveDialer.node';
import { AirudderQa } from '../../nodes/Airudder/AirudderQa.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { callbackExample } from '../../sandbox/callbacks';
import { PDS_APP_KEY, PDS_APP_SECRET, PDS_PREFIX } from '../../sandbox/pds';
import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from '../../sandbox/qa';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CodeStandIn } from '../fixtures/harness/CodeStandIn.node';
import { signedQaReport } from '../support/qa';
import {
	MANUAL_TRIGGER_TYPE,
	WorkflowHarness,
	type HarnessRunResult,
	type HarnessWorkflow,
} from '../support/workflow';

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

/** The trigger nodes callbacks are posted to. */
const TRIGGER_TYPES = [
	'n8n-nodes-airudder.airudderTrigger',
	'n8n-nodes-airudder.airudderChatbotTrigger',
];
/** The token exchanges (cloud, PDS and QA), left out of `requests`. */
const SIGN_INS = ['/service/cloud/auth', `${PDS_PREFIX}auth`, `${QA_PREFIX}customer_token`];

/** A callback body posted to an example's trigger, and the answer AIRudder must get. */
interface PostedCallback {
	body: IDataObject;
	answer: IDataObject;
}

const QA_ANSWER = {
	success: true,
	data: { message: 'Success Store Recording Report' },
	errors: [],
};
/** One QA item as the trigger outputs it (the parts the example reads). */
const qaItem = (taskId: string, negative2: string, value: number) => ({
	TaskID: taskId,
	recordingId: '12336',
	scores: { Negative: { channel2: { Score: negative2, value, max: 4 } } },
	_event: QA_REPORT_EVENT,
});

/** What one example must do. */
interface ExampleExpectation {
	/**
	 * Examples with an AIRudder Trigger: the sandbox callbacks (sandbox/callbacks.ts) posted to the
	 * trigger node one by one, as AIRudder would (after the Manual Trigger part, if any); an entry
	 * may instead give the body itself and the answer it gets (default `{}`).
	 */
	callbacks?: Array<string | PostedCallback>;
	/**
	 * Every node's output items (json), in order, over all executions (the manual run, then one
	 * webhook execution per callback): each item must match (toMatchObject) and the counts must be
	 * equal. Every node of the example needs an entry.
	 */
	nodes: Record<string, IDataObject[]>;
	/** The requests the sandbox must receive, in order (the token exchanges aside). */
	requests: string[];
	/** Where the example's values matter: the body (toMatchObject) of the request `METHOD path`. */
	bodies?: Record<string, IDataObject>;
}

/**
 * Test-only stand-in for n8n's Filter node (`n8n-nodes-base.filter`; the package does not depend
 * on n8n-nodes-base): keeps the items whose `conditions` pass. n8n itself evaluates them: n8n-core
 * reads a `filter` parameter with `extractValue` through n8n-workflow's executeFilter, as the real
 * node does (expressions, operators, case and type validation included).
 */
class FilterStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Filter (test stand-in)',
		name: 'filter',
		group: ['transform'],
		version: [1, 2],
		description: 'Keeps the items that match the conditions',
		defaults: { name: 'Filter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		this.getInputData().forEach((item, index) => {
			const pass = this.getNodeParameter('conditions', index, false, { extractValue: true });
			if (pass === true) kept.push({ json: item.json, pairedItem: { item: index } });
		});
		return [kept];
	}
}

/**
 * Test-only stand-in for n8n's If node (`n8n-nodes-base.if`): items whose `conditions` pass go to
 * output 0 (true), the others to output 1 (false). n8n evaluates the conditions, as for the Filter.
 */
class IfStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If (test stand-in)',
		name: 'if',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Routes items by the conditions',
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const routes: INodeExecutionData[][] = [[], []];
		this.getInputData().forEach((item, index) => {
			const pass = this.getNodeParameter('conditions', index, false, { extractValue: true });
			routes[pass === true ? 0 : 1].push({ json: item.json, pairedItem: { item: index } });
		});
		return routes;
	}
}

/**
 * Test-only stand-in for n8n's Slack node (`n8n-nodes-base.slack`), which the examples only use
 * disabled (n8n passes a disabled node's input through without running it): running it fails.
 */
class SlackStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Slack (test stand-in)',
		name: 'slack',
		group: ['output'],
		version: [2, 2.1, 2.2, 2.3],
		description: 'Never runs: examples keep it disabled',
		defaults: { name: 'Slack' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new Error('The Slack stand-in ran: the example must keep its Slack node disabled');
	}
}

const PDS_EXAMPLE = load('pds-campaign.json');
/** The Production URL of the example's AIRudder Trigger (n8n's default host), as its notes say. */
const PDS_CALLBACK_URL = `http://localhost:5678/webhook/${
	PDS_EXAMPLE.nodes.find((n) => n.name === 'PDS Callbacks')?.webhookId
}/airudder`;
/** The catalogue payload of a PDS event as the trigger outputs it. */
const pdsEvent = (event: string) => ({ ...callbackExample(event).body, _event: event });

const EXPECTATIONS: Record<string, ExampleExpectation> = {
	'callback-trigger.json': {
		callbacks: ['workflowWabaMessageStatusChanged'],
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
	'pds-campaign.json': {
		callbacks: [
			'workflowPdsTaskStatusChanged',
			'workflowPdsContactStatusChanged',
			'workflowPdsAgentStatusChanged',
		],
		nodes: {
			'Start campaign': [{}],
			Contacts: [
				{ phonenumber: '+6281234567801', account_id: 'A-1001', nama_customer: 'Ayu', dpd: 5 },
				{ phonenumber: '+6281234567802', account_id: 'A-1002', nama_customer: 'Budi', dpd: 12 },
				{ phonenumber: '+6281234567810', account_id: 'A-1003', nama_customer: 'Citra', dpd: 30 },
			],
			'Create Task': ['+6281234567801', '+6281234567802', '+6281234567810'].map((phonenumber) => ({
				taskId: HEX32,
				taskName: expect.stringMatching(/^campaign_\d{8}_\d{6}$/),
				phonenumber,
				rejected: false,
			})),
			// one webhook execution per callback; the filter keeps the agent's talk result only
			'PDS Callbacks': [
				pdsEvent('workflowPdsTaskStatusChanged'),
				pdsEvent('workflowPdsContactStatusChanged'),
				pdsEvent('workflowPdsAgentStatusChanged'),
			],
			'Talk Results': [pdsEvent('workflowPdsAgentStatusChanged')],
		},
		requests: [`POST ${PDS_PREFIX}createtask`],
		bodies: {
			[`POST ${PDS_PREFIX}createtask`]: {
				groupName: 'Group_Sandbox',
				// the trigger beside is the task's callback (base64, as the PDS takes it)
				callback: Buffer.from(PDS_CALLBACK_URL).toString('base64'),
				restTimes: [{ start: '12:00:00', end: '13:00:00' }],
				customizeContacts: [
					{ phonenumber: '+6281234567801', account_id: 'A-1001', nama_customer: 'Ayu', dpd: '5' },
					{ phonenumber: '+6281234567802', account_id: 'A-1002', nama_customer: 'Budi', dpd: '12' },
					{
						phonenumber: '+6281234567810',
						account_id: 'A-1003',
						nama_customer: 'Citra',
						dpd: '30',
					},
				],
			},
		},
	},
	'qa-negative-words.json': {
		// The reference's QA report (channel 2 Negative 0/4: below the threshold), then one with 3/4.
		callbacks: [
			{ body: signedQaReport('task_123', '0/4'), answer: QA_ANSWER },
			{ body: signedQaReport('task_456', '3/4'), answer: QA_ANSWER },
		],
		nodes: {
			'QA Reports': [qaItem('task_123', '0/4', 0), qaItem('task_456', '3/4', 3)],
			// the If's true output: negative-word score on channel 2 >= 1
			'Negative Words Over Threshold': [qaItem('task_456', '3/4', 3)],
			// disabled: passes its input through
			'Alert on Slack': [qaItem('task_456', '3/4', 3)],
			Start: [{}],
			Recordings: [
				{ callId: '1001', agent: 'agent01' },
				{ callId: '1002', agent: 'agent02' },
			],
			'Analyse Recordings': [
				['1001', 3],
				['1002', 5],
			].map(([callId, seconds]) => ({
				TaskID: HEX32,
				TaskName: expect.stringMatching(new RegExp(`^QA_${callId}_\\d{14}$`)),
				RecordingID: Number(callId),
				RecordingName: `${callId}.wav`,
				bytes: 44 + Number(seconds) * 32_000,
				uploaded: true,
				started: true,
				status: 'OK',
				code: 200,
			})),
		},
		// one task per recording: create, upload, start
		requests: [1, 2].flatMap(() => [
			`POST ${QA_PREFIX}task`,
			`POST ${QA_PREFIX}task/recording`,
			`PUT ${QA_PREFIX}task`,
		]),
		bodies: {
			[`POST ${QA_PREFIX}task`]: { Language: 'id_BA', SOPModel: '2' },
			[`POST ${QA_PREFIX}task/recording`]: {
				RecordingDetails: [
					{
						RecordingID: 1001,
						RecordingName: '1001.wav',
						Recordingfile: expect.stringMatching(/^UklGR/),
					},
				],
			},
			[`PUT ${QA_PREFIX}task`]: { Action: 'Start' },
		},
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
				'n8n-nodes-airudder.airudderPredictiveDialer': new AirudderPredictiveDialer(),
				'n8n-nodes-airudder.airudderQa': new AirudderQa(),
				'n8n-nodes-base.code': new CodeStandIn(),
				'n8n-nodes-base.filter': new FilterStandIn(),
				'n8n-nodes-base.if': new IfStandIn(),
				'n8n-nodes-base.slack': new SlackStandIn(),
			},
			credentialTypes: [
				new AirudderApi(),
				new AirudderChatbotApi(),
				new AirudderPdsApi(),
				new AirudderQaApi(),
			],
			credentials: {
				airudderApi: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
				airudderChatbotApi: { apiKey: CHATBOT_KEY, signSecret: '', baseUrl: sandbox.url },
				airudderPdsApi: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
				airudderQaApi: {
					appKey: QA_APP_KEY,
					appSecret: QA_APP_SECRET,
					baseUrl: `${sandbox.url}${QA_PREFIX}`,
				},
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
		const collect = (result: HarnessRunResult) => {
			expect(result.error).toBeUndefined();
			for (const name of Object.keys(result.runData))
				(outputs[name] ??= []).push(...result.json(name));
		};
		const manual = flow.nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE);
		const trigger = flow.nodes.find((n) => TRIGGER_TYPES.includes(n.type));
		expect(manual ?? trigger).toBeDefined();
		if (manual) collect(await harness.run(flow, { startNode: manual.name }));
		if (!trigger) expect(expected.callbacks).toBeUndefined();
		else {
			expect(expected.callbacks?.length).toBeGreaterThan(0);
			for (const callback of expected.callbacks ?? []) {
				const { body, answer: expectedAnswer } =
					typeof callback === 'string'
						? { body: callbackExample(callback).body, answer: {} }
						: callback;
				const answer = await harness.webhook(
					trigger.type,
					trigger.parameters,
					{ body, headers: { 'user-agent': 'Airudder' } },
					{ typeVersion: trigger.typeVersion },
				);
				expect(answer.webhookResponse).toEqual(expectedAnswer);
				const items = answer.workflowData?.[0] ?? [];
				expect(items).toHaveLength(1);
				// what n8n does with a webhook's items: one execution from the trigger on
				collect(
					await harness.run(flow, {
						startNode: trigger.name,
						mode: 'webhook',
						pinData: { [trigger.name]: items },
					}),
				);
			}
		}
		expect(outputs).toMatchObject(expected.nodes);
		const requests = sandbox.requests.filter((r) => !SIGN_INS.includes(r.path));
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(expected.requests);
		for (const [request, body] of Object.entries(expected.bodies ?? {}))
			expect(requests.find((r) => `${r.method} ${r.path}` === request)?.body).toMatchObject(body);
	});
});

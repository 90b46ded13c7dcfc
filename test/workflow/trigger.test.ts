import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AirudderCallbackApi } from '../../credentials/AirudderCallbackApi.credentials';
import { aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import { AirudderChatbotTrigger } from '../../nodes/Airudder/AirudderChatbotTrigger.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import { duplicateWindows } from '../../nodes/Airudder/trigger/webhook';
import {
	CHATBOT_EVENTS,
	VOICE_EVENTS,
	type EventWithExample as AirudderEvent,
} from '../../sandbox/callback-examples';
import { CALLBACK_EVENTS } from '../../sandbox/callbacks';
import { exampleOf } from '../../sandbox/callback-examples';
import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { qaReportItems } from '../../nodes/Airudder/trigger/qaReport';
import { qaSign } from '../../nodes/Airudder/trigger/verifyQaSign';
import {
	HarnessNodeTypes,
	WorkflowHarness,
	type HarnessWebhookRequest,
	type HarnessWebhookResult,
} from '../support/workflow';

/**
 * The triggers' webhook() through n8n-core's real WebhookContext (harness), over a fake express
 * request/response: what AIRudder gets back, and whether an execution would start.
 */

const VOICE = 'n8n-nodes-airudder.airudderTrigger';
const CHATBOT = 'n8n-nodes-airudder.airudderChatbotTrigger';
const KEY = 'airudderredduria';
const SECRET = 'S3cr3t-value_1';

const WABA = VOICE_EVENTS.find((event) => event.key === 'workflowWabaMessageStatusChanged')!;
const waba = (over: IDataObject = {}) => ({ ...structuredClone(WABA.example!), ...over });
const HEADER_SECRET = {
	carriedIn: 'header',
	headerName: 'X-Callback-Secret',
	secretValue: SECRET,
};
const QUERY_SECRET = { carriedIn: 'query', secretValue: SECRET };
/** Fields of the AIRudder Callback credential: `call` moves them from the parameters into it. */
const CALLBACK_FIELDS = [
	'carriedIn',
	'headerName',
	'queryName',
	'secretValue',
	'encryption',
	'aesSecretKey',
	'qaSignKey',
];

/** What AIRudder sees and whether n8n would start an execution. */
function outcome(result: HarnessWebhookResult) {
	return {
		execution: result.workflowData !== undefined,
		status: result.noWebhookResponse ? result.response.statusCode : 200,
		body: result.noWebhookResponse
			? JSON.parse(String(result.response.body))
			: result.webhookResponse,
	};
}

describe('AIRudder triggers: webhook()', () => {
	let harness: WorkflowHarness;
	/** Calls webhook(); secret and AES settings in `params` go to an AIRudder Callback credential. */
	const call = (
		params: INodeParameters,
		request: HarnessWebhookRequest,
		type = VOICE,
		mode?: 'manual',
		workflowId?: string,
	) => {
		const own = Object.entries(params).filter(([key]) => !CALLBACK_FIELDS.includes(key));
		const secrets = Object.entries(params).filter(([key]) => CALLBACK_FIELDS.includes(key));
		if (secrets.length)
			harness.setCredentials(
				'airudderCallbackApi',
				Object.fromEntries(secrets) as ICredentialDataDecryptedObject,
			);
		return harness.webhook(type, Object.fromEntries(own) as INodeParameters, request, {
			...(mode ? { mode } : {}),
			...(workflowId ? { workflowId } : {}),
			credentials: secrets.length
				? { airudderCallbackApi: { id: 'airudderCallbackApi', name: 'AIRudder Callback' } }
				: {},
		});
	};

	beforeAll(() => {
		harness = new WorkflowHarness({
			nodeTypes: { [VOICE]: new AirudderTrigger(), [CHATBOT]: new AirudderChatbotTrigger() },
			credentialTypes: [new AirudderCallbackApi()],
		});
	});
	afterAll(async () => await harness.close());

	// The QA report is reshaped (one item per recording): see 'QA report callbacks' below.
	const examples = (events: readonly AirudderEvent[], type: string) =>
		events
			.filter((event) => event.example && event.key !== QA_REPORT_EVENT)
			.map((event) => [event.key, event, type] as const);

	it.each([...examples(VOICE_EVENTS, VOICE), ...examples(CHATBOT_EVENTS, CHATBOT)])(
		'emits the documented example of %s unchanged, plus _event, and answers 200 {}',
		async (key, event, type) => {
			const withName = await call(
				{},
				{ body: event.example, headers: { 'user-agent': 'Airudder' } },
				type,
			);
			expect(withName.webhookResponse).toEqual({});
			expect(withName.noWebhookResponse).toBeUndefined();
			expect(withName.workflowData).toEqual([[{ json: { ...event.example, _event: key } }]]);

			const plain = await call({ options: { addEventName: false } }, { body: event.example }, type);
			expect(plain.workflowData).toEqual([[{ json: event.example }]]);
		},
	);

	it('recognises the sandbox callbacks like the catalogue says (same key, shared twin, or unknown)', async () => {
		for (const [key, callback] of CALLBACK_EVENTS) {
			// Each callback goes to the trigger of its reference file.
			const chatbot = callback.file === 'chatbot.openapi.yaml';
			const catalogue = chatbot ? CHATBOT_EVENTS : VOICE_EVENTS;
			const result = await call({}, { body: callback.example }, chatbot ? CHATBOT : VOICE);
			const event = catalogue.find((e) => e.key === key)!;
			const expected = event.shape
				? catalogue.find((e) => e.shape === event.shape)!.key
				: 'unknown';
			expect({ key, _event: result.workflowData?.[0][0].json._event }).toEqual({
				key,
				_event: expected,
			});
		}
	});

	it('passes unrecognised callbacks through unchanged, or answers 200 {} without an execution when they are off', async () => {
		const body = {
			TaskID: 'c3b6b04cd7f8d2b182d3fd20eed3d144',
			Status: 'finished',
			nested: { a: [1, 2] },
		};
		const on = await call({}, { body });
		expect(on.workflowData).toEqual([[{ json: { ...body, _event: 'unknown' } }]]);
		const off = await call({ includeUnknown: false }, { body });
		expect(outcome(off)).toEqual({ execution: false, status: 200, body: {} });
		expect(off.response.ended).toBe(false); // n8n sends the {} itself
	});

	it.each([
		['AIRudder Trigger', VOICE, 'workflowStatusChanged'],
		['AIRudder Chatbot Trigger', CHATBOT, 'chatbotChannelMessageSentEvent'],
	])(
		'%s: with specific events chosen (as the trigger picker does) an unrecognised callback starts no execution unless Include Unrecognised Callbacks is turned on',
		async (_name, type, event) => {
			const body = { TaskID: 'c3b6b04cd7f8d2b182d3fd20eed3d144', Status: 'finished' };
			const picked = await call({ events: [event] }, { body }, type);
			expect(outcome(picked)).toEqual({ execution: false, status: 200, body: {} });
			const on = await call({ events: [event], includeUnknown: true }, { body }, type);
			expect(on.workflowData).toEqual([[{ json: { ...body, _event: 'unknown' } }]]);
			// with every event ("*") the default stays on
			const all = await call({ events: ['*'] }, { body }, type);
			expect(outcome(all).execution).toBe(true);
		},
	);

	it('answers filtered-out callbacks 200 {} without an execution', async () => {
		const notSelected = await call({ events: ['workflowListCompleted'] }, { body: waba() });
		expect(outcome(notSelected)).toEqual({ execution: false, status: 200, body: {} });
		const wrongStatus = await call(
			{ options: { wabaStatuses: ['failed'] } },
			{ body: waba({ status: 'read' }) },
		);
		expect(outcome(wrongStatus)).toEqual({ execution: false, status: 200, body: {} });
		const kept = await call(
			{ options: { wabaStatuses: ['failed', 'read'] } },
			{ body: waba({ status: 'read' }) },
		);
		expect(outcome(kept)).toEqual({ execution: true, status: 200, body: {} });
	});

	describe('refusals: the right status, no execution, nothing of the request in the answer or logs', () => {
		const refusal = async (params: INodeParameters, request: HarnessWebhookRequest) => {
			const result = await call(params, request);
			expect(result.workflowData).toBeUndefined();
			expect(result.response.ended).toBe(true);
			expect(result.response.headers['content-type']).toBe('application/json; charset=utf-8');
			return outcome(result);
		};

		it.each([
			['GET', 405, 'method not allowed', {}, { method: 'GET', body: waba() }],
			[
				'sender not allowed',
				403,
				'sender IP not allowed',
				{ options: { ipAllowlist: '203.0.113.0/24' } },
				{ body: waba(), ip: '198.51.100.1' },
			],
			['no header secret', 401, 'missing or wrong secret', HEADER_SECRET, { body: waba() }],
			[
				'wrong header secret',
				401,
				'missing or wrong secret',
				HEADER_SECRET,
				{ body: waba(), headers: { 'x-callback-secret': `${SECRET}x` } },
			],
			[
				'wrong query secret',
				401,
				'missing or wrong secret',
				QUERY_SECRET,
				{ body: waba(), query: { secret: 'guess' } },
			],
			[
				'encrypted without Signed while AES is required',
				400,
				'Signed header missing, but AES encryption is required',
				{ encryption: 'required', aesSecretKey: KEY },
				{
					body: aesEncrypt(JSON.stringify(waba()), KEY),
					headers: { 'content-type': 'text/plain', 'is-encrypted': '1' },
				},
			],
			[
				'oversized',
				413,
				'body larger than 1024 bytes',
				{ options: { maxBodyKb: 1 } },
				{ body: waba({ pad: 'x'.repeat(1024) }) },
			],
			[
				'not JSON',
				415,
				'content type must be application/json',
				{},
				{ body: 'hello', headers: { 'content-type': 'text/plain' } },
			],
			['JSON array', 400, 'body is not a JSON object', {}, { body: [waba()] }],
			[
				'bad Signed',
				400,
				'Signed header does not match the decrypted body',
				{ encryption: 'ifMarked', aesSecretKey: KEY },
				{
					body: aesEncrypt(JSON.stringify(waba()), KEY),
					headers: {
						'content-type': 'text/plain',
						'is-encrypted': '1',
						signed: aesSignature('tampered'),
					},
				},
			],
			[
				'invalid settings',
				500,
				'The trigger settings are invalid',
				{ encryption: 'required', aesSecretKey: 'too-short' },
				{ body: waba() },
			],
		] as const)('%s → HTTP %i', async (_label, status, message, params, request) => {
			const result = await refusal(params as INodeParameters, request as HarnessWebhookRequest);
			expect(result).toEqual({ execution: false, status, body: { message } });
		});

		it('sends Allow: POST with 405 and logs only a short reason', async () => {
			const logs = await harness.logs();
			const before = logs.length;
			const result = await call(QUERY_SECRET, {
				body: waba({ callee: '+6289999999999' }),
				query: { secret: 'nope-guess' },
			});
			expect(result.response.statusCode).toBe(401);
			const written = logs.slice(before).map((entry) => entry.message);
			expect(written).toEqual([
				'Temp-Node: refused an AIRudder callback with HTTP 401 (missing or wrong secret)',
			]);
			expect(JSON.stringify(logs)).not.toMatch(/6289999999999|nope-guess|S3cr3t/);
			const get = await call({}, { method: 'GET', body: {} });
			expect(get.response.headers.allow).toBe('POST');
		});
	});

	it('accepts the right header or query-parameter secret', async () => {
		const header = await call(HEADER_SECRET, {
			body: waba(),
			headers: { 'X-Callback-Secret': SECRET },
		});
		expect(outcome(header)).toEqual({ execution: true, status: 200, body: {} });
		const path = await call(QUERY_SECRET, { body: waba(), query: { secret: SECRET } });
		expect(path.workflowData?.[0][0].json._event).toBe(WABA.key);
	});

	it('decrypts an AES callback (Is-Encrypted: 1 + Signed) into the same item as the plain one', async () => {
		const text = JSON.stringify(waba());
		const result = await call(
			{ encryption: 'required', aesSecretKey: KEY },
			{
				body: aesEncrypt(text, KEY),
				headers: { 'content-type': 'text/plain', 'is-encrypted': '1', signed: aesSignature(text) },
			},
		);
		expect(result.workflowData).toEqual([[{ json: { ...waba(), _event: WABA.key } }]]);
		// Not JSON-typed, no body parsed by n8n: the raw body is what counts.
		const raw = await call(
			{ encryption: 'ifMarked', aesSecretKey: KEY },
			{
				body: {},
				rawBody: aesEncrypt(text, KEY),
				headers: { 'content-type': 'application/octet-stream', 'is-encrypted': '1' },
			},
		);
		expect(raw.workflowData?.[0][0].json).toEqual({ ...waba(), _event: WABA.key });
	});

	it('drops duplicates within the window (production URL only), answering 200 {}', async () => {
		const params = { options: { dedupeWindow: 60 } };
		const body = waba({ msg_id: `dedupe-${Date.now()}` });
		expect(outcome(await call(params, { body }))).toEqual({
			execution: true,
			status: 200,
			body: {},
		});
		expect(outcome(await call(params, { body }))).toEqual({
			execution: false,
			status: 200,
			body: {},
		});
		expect(outcome(await call(params, { body: { ...body, status: 'read' } }))).toMatchObject({
			execution: true,
		});
		expect(outcome(await call({}, { body }))).toMatchObject({ execution: true }); // window off
		expect(outcome(await call(params, { body }, VOICE, 'manual'))).toMatchObject({
			execution: true,
		}); // Test URL
	});

	describe('QA report callbacks (Sign = md5 hex of TaskID + QA Sign Key)', () => {
		const qa = (over: IDataObject = {}) => ({ ...exampleOf(QA_REPORT_EVENT)!, ...over });
		const SUCCESS = {
			success: true,
			data: { message: 'Success Store Recording Report' },
			errors: [],
		};
		const refused = (message = 'Invalid authentication credentials') => ({
			execution: false,
			status: 400,
			body: { success: false, data: null, errors: [message] },
		});

		it("emits one item per recording of the signed reference example and answers like the reference's receiver", async () => {
			const result = await call({}, { body: qa(), headers: { 'user-agent': 'Airudder' } });
			expect(result.webhookResponse).toEqual(SUCCESS);
			expect(result.workflowData).toEqual([
				qaReportItems(qa()).map((json) => ({ json: { ...json, _event: QA_REPORT_EVENT } })),
			]);
			const [item] = result.workflowData![0];
			expect(item.json).toMatchObject({
				TaskID: 'task_123',
				recordingId: '12336',
				transcript: { channel1: { text: 'Selamat pagi\nSelamat siang' } },
				scores: { Negative: { channel1: { Score: '1/4', value: 1, max: 4 } } },
			});
			// Two recordings: two items, each with the TaskID.
			const [entry] = qa().QADetail as IDataObject[];
			const two = await call(
				{},
				{ body: qa({ QADetail: [entry, { ...entry, Recordingid: '2' }] }) },
			);
			expect(two.workflowData?.[0].map((i) => [i.json.TaskID, i.json.recordingId])).toEqual([
				['task_123', '12336'],
				['task_123', '2'],
			]);
		});

		it.each([
			['wrong Sign', { Sign: 'e'.repeat(32) }, 'Invalid authentication credentials'],
			['Sign of another TaskID', { TaskID: 'task_124' }, 'Invalid authentication credentials'],
			['missing Sign', { Sign: undefined }, 'Invalid authentication credentials'],
			['QADetail not a list', { QADetail: 'x' }, 'QADetail is not a list'],
		])('%s → HTTP 400, no execution', async (_label, over, message) => {
			const body = JSON.parse(JSON.stringify(qa(over))) as IDataObject;
			const result = await call({}, { body });
			expect(result.response.ended).toBe(true);
			expect(result.response.headers['content-type']).toBe('application/json; charset=utf-8');
			expect(outcome(result)).toEqual(refused(message));
		});

		it('refuses a bad Sign even when the QA event is not selected or unrecognised callbacks are off', async () => {
			const bad = qa({ Sign: 'e'.repeat(32) });
			for (const params of [{ events: ['workflowListCompleted'] }, { includeUnknown: false }])
				expect(outcome(await call(params, { body: bad }))).toEqual(refused());
			// a good one that is not selected: the success answer, no execution
			expect(outcome(await call({ events: ['workflowListCompleted'] }, { body: qa() }))).toEqual({
				execution: false,
				status: 200,
				body: SUCCESS,
			});
		});

		it("checks Sign with the credential's QA Sign Key, and the shared secret before it", async () => {
			const key = 'per-customer-key';
			const signed = qa({ Sign: qaSign('task_123', key) });
			expect(outcome(await call({ qaSignKey: key }, { body: signed }))).toMatchObject({
				execution: true,
				body: SUCCESS,
			});
			expect(outcome(await call({ qaSignKey: key }, { body: qa() }))).toEqual(refused());
			// without a credential the key is the reference's "airudder"
			expect(outcome(await call({}, { body: signed }))).toEqual(refused());
			// the secret is checked first: no secret → 401 even with a valid Sign
			expect(outcome(await call(QUERY_SECRET, { body: qa() }))).toEqual({
				execution: false,
				status: 401,
				body: { message: 'missing or wrong secret' },
			});
			expect(
				outcome(await call(QUERY_SECRET, { body: qa(), query: { secret: SECRET } })),
			).toMatchObject({ execution: true, status: 200 });
		});

		it('logs why a QA report was refused, never the Sign or the key', async () => {
			const logs = await harness.logs();
			const before = logs.length;
			await call({ qaSignKey: 'hidden-key-42' }, { body: qa() });
			expect(logs.slice(before).map((entry) => entry.message)).toEqual([
				'Temp-Node: refused an AIRudder callback with HTTP 400 (QA report Sign does not match TaskID and the QA Sign Key)',
			]);
			expect(JSON.stringify(logs.slice(before))).not.toMatch(/hidden-key-42|179e25e1/);
		});

		it('answers a QA report without recordings with success and no execution', async () => {
			expect(outcome(await call({}, { body: qa({ QADetail: [] }) }))).toEqual({
				execution: false,
				status: 200,
				body: SUCCESS,
			});
		});
	});

	it('keeps one bounded duplicate window per workflow: flooding one evicts none of another', async () => {
		duplicateWindows.resize({ maxEntries: 3, maxWindows: 2 });
		try {
			const params = { options: { dedupeWindow: 60 } };
			const started = async (body: IDataObject, workflowId: string) =>
				(await call(params, { body }, VOICE, undefined, workflowId)).workflowData !== undefined;
			const tag = `isolation-${Date.now()}`;
			const quiet = waba({ msg_id: `${tag}-quiet` });
			expect(await started(quiet, 'wf-quiet')).toBe(true);
			// Same body to another workflow: its own window, so it runs there too.
			expect(await started(quiet, 'wf-flood')).toBe(true);
			// The flood: more callbacks than one window holds, all to wf-flood.
			for (let i = 0; i < 5; i++)
				expect(await started(waba({ msg_id: `${tag}-flood-${i}` }), 'wf-flood')).toBe(true);
			// wf-quiet still knows its callback; wf-flood has evicted its oldest ones (bound 3).
			expect(await started(quiet, 'wf-quiet')).toBe(false);
			expect(await started(quiet, 'wf-flood')).toBe(true);
			expect(await started(waba({ msg_id: `${tag}-flood-4` }), 'wf-flood')).toBe(false);
			// The number of windows is bounded too (2): a third workflow drops the least recently used.
			expect(await started(quiet, 'wf-third')).toBe(true);
			expect(duplicateWindows.size).toBe(2);
			expect(await started(quiet, 'wf-quiet')).toBe(true); // its window was the oldest: dropped
		} finally {
			duplicateWindows.resize({ maxEntries: 10_000, maxWindows: 100 });
		}
	});

	it('treats the chatbot trigger the same way', async () => {
		const unknown = await call({}, { body: { event: 'session.end', call_id: 'c1' } }, CHATBOT);
		expect(unknown.workflowData).toEqual([
			[{ json: { event: 'session.end', call_id: 'c1', _event: 'unknown' } }],
		]);
		const refused = await call(QUERY_SECRET, { body: {} }, CHATBOT);
		expect(outcome(refused)).toEqual({
			execution: false,
			status: 401,
			body: { message: 'missing or wrong secret' },
		});
	});
});

describe('AIRudder triggers: webhook description', () => {
	const nodeTypes = new HarnessNodeTypes({ [VOICE]: new AirudderTrigger() });
	const evaluate = (parameters: INodeParameters) => {
		const node: INode = {
			id: 'n',
			name: 'Trigger',
			type: VOICE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			webhookId: 'w',
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: true, nodeTypes });
		const description = new AirudderTrigger().description.webhooks![0];
		const trigger = workflow.getNode('Trigger')!;
		const value = (field: string) =>
			workflow.expression.getSimpleParameterValue(
				trigger,
				description[field] as string,
				'webhook',
				{},
			);
		return {
			path: value('path'),
			responseMode: value('responseMode'),
			// As n8n's webhook-helpers evaluate it, with 'firstEntryJson' as default: an ABSENT responseData would
			// make n8n answer the text "firstEntryJson" in onReceived mode; '' lets the node's {} through.
			responseData: workflow.expression.getComplexParameterValue(
				trigger,
				description.responseData,
				'webhook',
				{},
				undefined,
				'firstEntryJson',
			),
		};
	};

	it('answers immediately by default, from the last node (first item JSON) or a Respond to Webhook node on request', () => {
		expect(evaluate({})).toEqual({
			path: 'airudder',
			responseMode: 'onReceived',
			responseData: '',
		});
		expect(evaluate({ responseMode: 'lastNode' })).toMatchObject({
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
		});
		expect(evaluate({ responseMode: 'responseNode' })).toMatchObject({
			responseMode: 'responseNode',
			responseData: '',
		});
	});

	it('keeps a static path whatever the secret (it travels in the query string)', () => {
		expect(evaluate({ carriedIn: 'query' }).path).toBe('airudder');
	});
});

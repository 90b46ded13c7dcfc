import type {
	IDataObject,
	IHookFunctions,
	INode,
	INodeProperties,
	IWebhookDescription,
} from 'n8n-workflow';
import {
	NodeOperationError,
	WEBHOOK_RESOLVERS,
	webhookDescriptionIsNativelyResolvable,
} from 'n8n-workflow';

import { AirudderCallbackApi } from '../../credentials/AirudderCallbackApi.credentials';
import { AirudderChatbotTrigger } from '../../nodes/Airudder/AirudderChatbotTrigger.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import { CHATBOT_EVENTS, VOICE_EVENTS } from '../../sandbox/callback-examples';
import { routeCallback, type RoutingSettings } from '../../nodes/Airudder/trigger/recognition';
import { callbackWebhookMethods, readCallbackSettings } from '../../nodes/Airudder/trigger/webhook';

const example = (key: string) =>
	structuredClone(VOICE_EVENTS.find((event) => event.key === key)!.example!);
const WABA = 'workflowWabaMessageStatusChanged';

const settings = (over: Partial<RoutingSettings> = {}): RoutingSettings => ({
	events: ['*'],
	includeUnknown: true,
	wabaStatuses: [],
	workflowIds: [],
	...over,
});

describe('routeCallback', () => {
	it('starts every recognised event with *, and unknown ones while Include Unrecognised Callbacks is on', () => {
		expect(routeCallback(example(WABA), VOICE_EVENTS, settings())).toEqual({
			start: true,
			event: WABA,
		});
		expect(routeCallback({ TaskID: 'x' }, VOICE_EVENTS, settings())).toEqual({
			start: true,
			event: 'unknown',
		});
		expect(
			routeCallback({ TaskID: 'x' }, VOICE_EVENTS, settings({ includeUnknown: false })),
		).toMatchObject({ start: false });
	});

	it('keeps only the selected events', () => {
		const only = settings({ events: ['workflowListCompleted'] });
		expect(routeCallback(example('workflowListCompleted'), VOICE_EVENTS, only)).toEqual({
			start: true,
			event: 'workflowListCompleted',
		});
		expect(routeCallback(example(WABA), VOICE_EVENTS, only)).toEqual({
			start: false,
			reason: `event ${WABA} is not selected`,
		});
		// Selecting events does not drop unknown callbacks: that is Include Unrecognised Callbacks' job.
		expect(routeCallback({ TaskID: 'x' }, VOICE_EVENTS, only)).toEqual({
			start: true,
			event: 'unknown',
		});
	});

	it('names a shared recognition after the event the user selected', () => {
		const pds = example('workflowPdsAgentStatusChanged');
		expect(routeCallback(pds, VOICE_EVENTS, settings())).toEqual({
			start: true,
			event: 'workflowPdsAgentStatusChanged',
		});
		expect(
			routeCallback(pds, VOICE_EVENTS, settings({ events: ['leadsGenPdsAgentStatusChanged'] })),
		).toEqual({
			start: true,
			event: 'leadsGenPdsAgentStatusChanged',
		});
		expect(
			routeCallback(pds, VOICE_EVENTS, settings({ events: ['leadsGenPdsTaskStatusChanged'] })),
		).toMatchObject({ start: false });
	});

	it('filters WABA statuses, "waitsend" also matching wait and send', () => {
		const only = (...wabaStatuses: string[]) => settings({ wabaStatuses });
		const waba = (status: string) => ({ ...example(WABA), status });
		expect(routeCallback(waba('delivery'), VOICE_EVENTS, only('delivery', 'read'))).toMatchObject({
			start: true,
		});
		expect(routeCallback(waba('failed'), VOICE_EVENTS, only('delivery', 'read'))).toEqual({
			start: false,
			reason: 'WABA status not in the WABA Message Statuses filter',
		});
		for (const status of ['waitsend', 'wait', 'send']) {
			expect(routeCallback(waba(status), VOICE_EVENTS, only('waitsend'))).toMatchObject({
				start: true,
			});
		}
		// The status filter concerns WABA callbacks only (a workflow status change has its own `status`).
		expect(
			routeCallback(example('workflowStatusChanged'), VOICE_EVENTS, only('read')),
		).toMatchObject({ start: true });
	});

	it('filters by workflow_id; callbacks without one are not affected', () => {
		const only = settings({ workflowIds: ['0ca6e3a59cf74630906683882aa5111a'] });
		expect(routeCallback(example('workflowCustomApiNodePush'), VOICE_EVENTS, only)).toMatchObject({
			start: true,
		});
		expect(routeCallback(example(WABA), VOICE_EVENTS, only)).toEqual({
			start: false,
			reason: 'workflow_id not in the Workflow IDs filter',
		});
		expect(
			routeCallback(example('workflowPdsTaskStatusChanged'), VOICE_EVENTS, only),
		).toMatchObject({ start: true });
		expect(
			routeCallback({ workflow_id: 'other', unknown: true }, VOICE_EVENTS, only),
		).toMatchObject({ start: false });
	});

	it('routes the documented chatbot event', () => {
		const body = structuredClone(CHATBOT_EVENTS[0].example!);
		expect(routeCallback(body, CHATBOT_EVENTS, settings())).toEqual({
			start: true,
			event: 'chatbotChannelMessageSentEvent',
		});
		expect(
			routeCallback({ event: 'session.end' }, CHATBOT_EVENTS, settings({ includeUnknown: false })),
		).toMatchObject({
			start: false,
		});
	});
});

/**
 * A node-parameter source like n8n's contexts: the value, else the caller's fallback; with
 * `credential`, the node has an AIRudder Callback credential holding those values.
 */
function context(parameters: IDataObject, credential?: IDataObject) {
	const node = {
		id: 'n1',
		name: 'AIRudder Trigger',
		type: 'n8n-nodes-airudder.airudderTrigger',
		...(credential ? { credentials: { airudderCallbackApi: { id: 'c1', name: 'Callback' } } } : {}),
	} as INode;
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async (type: string) => {
			if (type !== 'airudderCallbackApi' || !credential) throw new Error(`no ${type} credential`);
			return credential;
		},
	} as unknown as IHookFunctions;
}

describe('readCallbackSettings', () => {
	it('defaults: no secret, no AES, 1 MB, every event, unknown included, event name added, no dedupe', async () => {
		const read = await readCallbackSettings(context({}));
		expect(read).toEqual({
			guard: {
				secret: { location: 'none' },
				encryption: 'off',
				aesKey: '',
				allowlist: undefined,
				maxBodyBytes: 1_048_576,
			},
			routing: { events: ['*'], includeUnknown: true, wabaStatuses: [], workflowIds: [] },
			addEventName: true,
			dedupeWindowMs: 0,
			qaSignKey: 'airudder',
		});
	});

	it("reads the QA Sign Key from the credential (the reference's airudder when absent)", async () => {
		expect((await readCallbackSettings(context({}, { qaSignKey: 'k-2' }))).qaSignKey).toBe('k-2');
		expect((await readCallbackSettings(context({}, { carriedIn: 'none' }))).qaSignKey).toBe(
			'airudder',
		);
	});

	it('reads secrets and AES from the credential, options and filters from the parameters', async () => {
		const read = await readCallbackSettings(
			context(
				{
					events: ['workflowListCompleted'],
					includeUnknown: false,
					options: {
						addEventName: false,
						dedupeWindow: 30,
						ipAllowlist: '10.0.0.0/8',
						maxBodyKb: 2,
						wabaStatuses: ['read'],
						workflowIds: 'a, b,,',
					},
				},
				{
					carriedIn: 'header',
					headerName: ' X-Callback-Secret ',
					secretValue: 's3cret',
					encryption: 'required',
					aesSecretKey: 'k'.repeat(32),
				},
			),
		);
		expect(read.guard).toMatchObject({
			secret: { location: 'header', headerName: 'X-Callback-Secret', value: 's3cret' },
			encryption: 'required',
			maxBodyBytes: 2048,
		});
		expect(read.guard.allowlist?.check('10.1.1.1')).toBe(true);
		expect(read.routing).toEqual({
			events: ['workflowListCompleted'],
			includeUnknown: false,
			wabaStatuses: ['read'],
			workflowIds: ['a', 'b'],
		});
		expect(read).toMatchObject({ addEventName: false, dedupeWindowMs: 30_000 });
	});

	it('reads a query-parameter secret (default name "secret") from the credential', async () => {
		const read = await readCallbackSettings(
			context({}, { carriedIn: 'query', secretValue: 'abc-123' }),
		);
		expect(read.guard.secret).toEqual({ location: 'query', name: 'secret', value: 'abc-123' });
	});

	it.each([
		[{ carriedIn: 'query' }, 'AIRudder Callback credential: Secret is empty'],
		[
			{ carriedIn: 'header', secretValue: 'x', headerName: 'Bad Header' },
			'Header Name must be an HTTP header name',
		],
		[
			{ carriedIn: 'query', secretValue: 'a/b?c' },
			'Query Parameter Name and Secret may only use letters',
		],
		[
			{ encryption: 'ifMarked', aesSecretKey: 'short' },
			'AES Key must be 16, 24 or 32 bytes long in UTF-8 (it is 5)',
		],
		[{ qaSignKey: '' }, 'AIRudder Callback credential: QA Sign Key is empty'],
	])('refuses an invalid credential %j', async (credential, message) => {
		await expect(readCallbackSettings(context({}, credential))).rejects.toThrow(NodeOperationError);
		await expect(readCallbackSettings(context({}, credential))).rejects.toThrow(message);
	});

	it.each([
		[
			{ options: { ipAllowlist: '10.0.0.1, nope' } },
			'IP Allowlist: "nope" is not an IP address or CIDR range',
		],
		[{ options: { maxBodyKb: 0 } }, 'Max Body Size (KB) must be greater than 0'],
		[{ options: { dedupeWindow: -1 } }, 'Drop Duplicates Within (Seconds) must be 0 or more'],
	])('refuses invalid settings %j', async (parameters, message) => {
		await expect(readCallbackSettings(context(parameters))).rejects.toThrow(NodeOperationError);
		await expect(readCallbackSettings(context(parameters))).rejects.toThrow(message);
	});

	it('never quotes the secret or the AES key in its errors', async () => {
		const key = 'sixteen-byte-ke'; // 15 bytes: invalid
		const error = await readCallbackSettings(
			context({}, { encryption: 'required', aesSecretKey: key }),
		).catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(/AES Key/);
		expect(String((error as Error).message)).not.toContain(key);
	});

	it('validates on activation: create() fails on invalid settings, registers nothing', async () => {
		const methods = callbackWebhookMethods!.default!;
		await expect(methods.checkExists.call(context({}))).resolves.toBe(false);
		await expect(methods.create.call(context({}))).resolves.toBe(true);
		await expect(
			methods.create.call(context({}, { carriedIn: 'query', secretValue: '' })),
		).rejects.toThrow('Secret is empty');
		await expect(methods.delete.call(context({}))).resolves.toBe(true);
	});
});

describe('trigger descriptions', () => {
	const voice = new AirudderTrigger().description;
	const chatbot = new AirudderChatbotTrigger().description;
	const property = (properties: INodeProperties[], name: string) =>
		properties.find((p) => p.name === name)!;

	it('offer the recognisable events (plus *) and answer POST on their own path', () => {
		const values = (properties: INodeProperties[]) =>
			(property(properties, 'events').options as Array<{ value: string }>)
				.map((option) => option.value)
				.sort();
		expect(values(voice.properties)).toEqual(
			['*', ...VOICE_EVENTS.filter((e) => e.shape).map((e) => e.key)].sort(),
		);
		expect(values(chatbot.properties)).toEqual(['*', 'chatbotChannelMessageSentEvent']);
		// Each field has a native resolver (no expression engine per request) whose template is the
		// string the editor evaluates; both must give the same answers.
		const fields = (webhook: IWebhookDescription) =>
			(
				webhook as unknown as Record<
					symbol,
					Record<string, { template: string; resolve(p: object): unknown }>
				>
			)[WEBHOOK_RESOLVERS];
		for (const [description, path] of [
			[voice, 'airudder'],
			[chatbot, 'airudder-chatbot'],
		] as const) {
			const [webhook] = description.webhooks ?? [];
			expect(webhook).toMatchObject({ name: 'default', httpMethod: 'POST' });
			const resolvers = fields(webhook);
			for (const field of ['responseMode', 'responseData'] as const) {
				expect(webhook[field]).toBe(resolvers[field].template);
			}
			// a static path: the secret travels in the query string, never in the path n8n logs
			expect(webhook.path).toBe(path);
			expect(resolvers.responseMode.resolve({})).toBe('onReceived');
			expect(resolvers.responseMode.resolve({ responseMode: 'lastNode' })).toBe('lastNode');
			expect(resolvers.responseData.resolve({ responseMode: 'onReceived' })).toBe('');
			expect(resolvers.responseData.resolve({ responseMode: 'lastNode' })).toBe('firstEntryJson');
		}
	});

	it('let n8n answer a callback without its expression engine (no template without a resolver, not version 1)', () => {
		for (const description of [voice, chatbot]) {
			// n8n resolves these fields natively when the node's parameters hold no expressions
			expect(description.webhooks?.every(webhookDescriptionIsNativelyResolvable)).toBe(true);
			// n8n 2.41 evaluates `$parameter["options"]["binaryData"]` for every request to a
			// typeVersion 1 webhook node (the Webhook node v1 option): new nodes are 1.1
			expect(description.version).toEqual([1, 1.1]);
			expect(description.defaultVersion).toBe(1.1);
		}
	});

	it('keep secrets in the optional AIRudder Callback credential (no secret parameter) and tell the user to give AIRudder the Production URL', () => {
		const callback = new AirudderCallbackApi();
		expect(callback.name).toBe('airudderCallbackApi');
		expect(callback.displayName).toBe('AIRudder Callback API');
		for (const name of ['secretValue', 'aesSecretKey'])
			expect(callback.properties.find((p) => p.name === name)?.typeOptions).toEqual({
				password: true,
			});
		for (const description of [voice, chatbot]) {
			expect(description.credentials).toEqual([
				{ name: 'airudderCallbackApi', required: false, testedBy: 'airudderCallbackApiTest' },
			]);
			for (const name of ['carriedIn', 'secretValue', 'headerName', 'encryption', 'aesSecretKey'])
				expect(description.properties.find((p) => p.name === name)).toBeUndefined();
			expect(property(description.properties, 'setupNotice').displayName).toMatch(
				/Production URL.*AIRudder/,
			);
			expect(description.icon).toEqual({
				light: 'file:airudder.svg',
				dark: 'file:airudder.dark.svg',
			});
		}
		expect(chatbot.name).toBe('airudderChatbotTrigger');
		const options = (property(chatbot.properties, 'options').options as INodeProperties[]).map(
			(o) => o.name,
		);
		expect(options).not.toContain('wabaStatuses');
	});
});

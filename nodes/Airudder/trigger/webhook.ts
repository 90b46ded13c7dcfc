import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fromFunction, fromParameter, webhookDescriptionFields } from '../helpers/n8nCompat';
import { type AirudderEvent } from './events';
import {
	DuplicateWindow,
	inspectCallback,
	parseIpAllowlist,
	type EncryptionMode,
	type GuardConfig,
	type SecretConfig,
} from './guard';
import { ALL_EVENTS, callbackOutput, routeCallback, type RoutingSettings } from './recognition';

/**
 * Node-facing glue of the AIRudder triggers: the shared parameters, the webhook description, the
 * activation-time settings check and `webhook()`. AIRudder has no API to register callback URLs, so
 * nothing is registered: the user gives AIRudder the Production URL.
 */

/** What differs between the AIRudder Trigger and the AIRudder Chatbot Trigger. */
export interface CallbackTriggerSpec {
	catalogue: readonly AirudderEvent[];
	/** Webhook path; `/:secret` is appended when the shared secret travels in the URL path. */
	path: 'airudder' | 'airudder-chatbot';
	/** Description of the Respond parameter (which callbacks may need a computed answer). */
	respondDescription: string;
	/** Extra entries of the Options collection (field filters). */
	filterOptions: INodeProperties[];
}

/** Everything `webhook()` needs from the node parameters, validated. */
export interface CallbackSettings {
	guard: GuardConfig;
	routing: RoutingSettings;
	addEventName: boolean;
	/** 0 = duplicates are not dropped. */
	dedupeWindowMs: number;
}

/** Default of the Max Body Size option, in KB (1 MB). */
const DEFAULT_MAX_BODY_KB = 1024;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters a path secret may use: URL-unreserved, so the URL needs no encoding. */
const URL_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** Per-process memory of recent callbacks (see {@link DuplicateWindow} for the queue-mode caveat). */
const duplicates = new DuplicateWindow();

/**
 * The single POST webhook. Path `<path>` or, with the secret in the URL, `<path>/:secret` (n8n puts
 * the webhook id in front of both). Respond mode comes from the Respond parameter, as in n8n's
 * Webhook node. `responseData` must be DEFINED: n8n 2.41 (cli webhook-helpers) evaluates it with the
 * default `firstEntryJson` and, in onReceived mode, answers any truthy value as the body; `''` lets
 * the node's `webhookResponse` `{}` through (sent with `res.json`, i.e. application/json). In
 * lastNode mode it is `firstEntryJson`, so AIRudder gets the last node's first item as an object.
 */
export function callbackWebhooks(path: 'airudder' | 'airudder-chatbot'): IWebhookDescription[] {
	// Declared with n8n-workflow's field helpers so that n8n resolves them without its expression
	// engine (a V8 isolate per request) when the node's parameters hold no expressions. The path
	// functions are inlined into the editor's template, so they must be self-contained literals.
	const pathField =
		path === 'airudder'
			? fromFunction((p) => (p.secretLocation === 'path' ? 'airudder/:secret' : 'airudder'))
			: fromFunction((p) =>
					p.secretLocation === 'path' ? 'airudder-chatbot/:secret' : 'airudder-chatbot',
				);
	return [
		{
			name: 'default',
			httpMethod: 'POST',
			...webhookDescriptionFields({
				path: pathField,
				responseMode: fromParameter('responseMode', 'onReceived'),
				responseData: fromFunction((p) => (p.responseMode === 'lastNode' ? 'firstEntryJson' : '')),
			}),
		},
	];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** Entries of the Options collection both triggers offer. */
const COMMON_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Add Event Name',
		name: 'addEventName',
		type: 'boolean',
		default: true,
		description:
			'Whether to add _event (the recognised callback key, or "unknown") to the output item. The rest of the body is passed on unchanged.',
	},
	{
		displayName: 'Drop Duplicates Within (Seconds)',
		name: 'dedupeWindow',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'Answer a callback whose raw body equals one accepted in the last this-many seconds with 200 {} and start no execution. 0 = off. Remembered in this n8n process only (lost on restart, not shared between queue-mode processes); Test URL calls are never dropped.',
	},
	{
		displayName: 'IP Allowlist',
		name: 'ipAllowlist',
		type: 'string',
		default: '',
		placeholder: 'e.g. 203.0.113.7, 198.51.100.0/24',
		description:
			'Comma-separated IPv4/IPv6 addresses or CIDR ranges allowed to call the webhook; others get HTTP 403. Empty = everyone. Uses the client address n8n sees: behind a reverse proxy set N8N_PROXY_HOPS.',
	},
	{
		displayName: 'Max Body Size (KB)',
		name: 'maxBodyKb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_BODY_KB,
		description: 'Larger callbacks (raw body) are refused with HTTP 413',
	},
];

/** The parameters both triggers share; recognisable events of `spec.catalogue` fill the Events list. */
export function callbackProperties(spec: CallbackTriggerSpec): INodeProperties[] {
	const recognisable = spec.catalogue.filter((event) => event.shape);
	return [
		{
			displayName:
				'AIRudder has no API to register callback URLs: publish the workflow, copy the Production URL above and give it to AIRudder (your account manager or the iCall console) as the callback URL. With Shared Secret "In URL Path", replace <code>:secret</code> in that URL with your secret.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: [
				{ name: '*', value: ALL_EVENTS, description: 'Every recognised callback' },
				...recognisable
					.map((event) => ({
						name: event.displayName,
						value: event.key,
						description: event.description,
					}))
					.sort(byName),
			],
			default: [ALL_EVENTS],
			description:
				'Recognised callbacks that start the workflow, told apart by the fields AIRudder documents for them. Other recognised callbacks are answered 200 {} without an execution.',
		},
		{
			displayName: 'Include Unrecognised Callbacks',
			name: 'includeUnknown',
			type: 'boolean',
			default: true,
			description:
				'Whether callbacks whose payload AIRudder does not document (e.g. task, call and plan end, inbound calls, most chatbot callbacks) also start the workflow. Their shape is unknown, so they are passed on unchanged with _event "unknown".',
		},
		{
			displayName: 'Respond',
			name: 'responseMode',
			type: 'options',
			options: [
				{
					name: 'Immediately With {}',
					value: 'onReceived',
					description:
						'Answer HTTP 200 {} as soon as the callback is accepted, as AIRudder documents',
				},
				{
					name: 'When Last Node Finishes',
					value: 'lastNode',
					description: 'Answer with the JSON of the first item of the last node',
				},
				{
					name: "Using 'Respond to Webhook' Node",
					value: 'responseNode',
					description: 'Answer with what a Respond to Webhook node sends',
				},
			],
			default: 'onReceived',
			description: spec.respondDescription,
		},
		{
			displayName: "Insert a 'Respond to Webhook' node to build the answer AIRudder gets",
			name: 'respondNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { responseMode: ['responseNode'] } },
		},
		{
			displayName: 'Shared Secret',
			name: 'secretLocation',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'Accept callbacks without a secret' },
				{
					name: 'In a Header',
					value: 'header',
					description:
						'Only if AIRudder (or a proxy in front of n8n) can add a header for you: AIRudder documents none',
				},
				{
					name: 'In URL Path',
					value: 'path',
					description:
						'The URL ends with /:secret; put your secret there in the URL you give AIRudder',
				},
			],
			default: 'none',
			description:
				'Refuse callbacks (HTTP 401, no execution) that do not carry this secret. Compared in constant time.',
		},
		{
			displayName: 'Secret Header Name',
			name: 'headerName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. X-Callback-Secret',
			description: 'The request header that carries the secret (any letter case)',
			displayOptions: { show: { secretLocation: ['header'] } },
		},
		{
			displayName: 'Secret',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The shared secret. In the URL path it may only use letters, digits, ".", "_", "~" and "-".',
			displayOptions: { show: { secretLocation: ['header', 'path'] } },
		},
		{
			displayName: 'AES Decryption',
			name: 'encryption',
			type: 'options',
			options: [
				{ name: 'Off', value: 'off', description: 'Refuse encrypted callbacks (HTTP 400)' },
				{
					name: 'When Marked Encrypted',
					value: 'ifMarked',
					description: 'Decrypt callbacks sent with Is-Encrypted: 1, accept plain JSON ones',
				},
				{
					name: 'Required',
					value: 'required',
					description: 'Refuse callbacks that are not encrypted (HTTP 400)',
				},
			],
			default: 'off',
			description:
				"For callbacks AIRudder encrypts. AIRudder's callback-encryption page could not be read: this assumes the API's scheme (base64 AES-ECB body with zero padding, headers Is-Encrypted: 1 and Signed: SHA-256 of the plaintext, checked when sent).",
			hint: 'n8n itself refuses a non-JSON body sent as application/json (HTTP 422), before this node runs',
		},
		{
			displayName: 'AES Key',
			name: 'aesKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The AES key AIRudder gave you (16, 24 or 32 characters)',
			displayOptions: { show: { encryption: ['ifMarked', 'required'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...COMMON_OPTIONS, ...spec.filterOptions].sort(byDisplayName),
		},
	];
}

type ParameterSource = Pick<IWebhookFunctions, 'getNodeParameter' | 'getNode'>;

const list = (value: unknown): string[] =>
	(Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((entry) => entry.trim())
		.filter(Boolean);

/**
 * Reads and validates the trigger's parameters.
 * @throws NodeOperationError naming the parameter that is wrong (never its secret value).
 */
export function readCallbackSettings(ctx: ParameterSource): CallbackSettings {
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;

	const location = ctx.getNodeParameter('secretLocation', 'none') as SecretConfig['location'];
	let secret: SecretConfig = { location: 'none' };
	if (location !== 'none') {
		const value = ctx.getNodeParameter('secretValue', '') as string;
		if (!value) throw fail('Secret is empty: enter the shared secret or set Shared Secret to None');
		if (location === 'header') {
			const headerName = (ctx.getNodeParameter('headerName', '') as string).trim();
			if (!HEADER_NAME.test(headerName))
				throw fail('Secret Header Name must be an HTTP header name, e.g. X-Callback-Secret');
			secret = { location, headerName, value };
		} else {
			if (!URL_SEGMENT.test(value))
				throw fail('Secret in the URL path may only use letters, digits, ".", "_", "~" and "-"');
			secret = { location, value };
		}
	}

	const encryption = ctx.getNodeParameter('encryption', 'off') as EncryptionMode;
	const aesKey = encryption === 'off' ? '' : (ctx.getNodeParameter('aesKey', '') as string);
	const keyBytes = Buffer.byteLength(aesKey, 'utf8');
	if (encryption !== 'off' && ![16, 24, 32].includes(keyBytes)) {
		throw fail(`AES Key must be 16, 24 or 32 bytes long in UTF-8 (it is ${keyBytes})`);
	}

	let allowlist: GuardConfig['allowlist'];
	try {
		allowlist = parseIpAllowlist(String(options.ipAllowlist ?? ''));
	} catch (error) {
		throw fail(`IP Allowlist: ${(error as Error).message}`);
	}

	const maxBodyKb = Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB);
	if (!(maxBodyKb > 0)) throw fail('Max Body Size (KB) must be greater than 0');
	const dedupeSeconds = Number(options.dedupeWindow ?? 0);
	if (!(dedupeSeconds >= 0)) throw fail('Drop Duplicates Within (Seconds) must be 0 or more');

	return {
		guard: { secret, encryption, aesKey, allowlist, maxBodyBytes: Math.floor(maxBodyKb * 1024) },
		routing: {
			events: list(ctx.getNodeParameter('events', [ALL_EVENTS])),
			includeUnknown: ctx.getNodeParameter('includeUnknown', true) as boolean,
			wabaStatuses: list(options.wabaStatuses),
			workflowIds: list(options.workflowIds),
		},
		addEventName: options.addEventName !== false,
		dedupeWindowMs: dedupeSeconds * 1000,
	};
}

/**
 * `webhookMethods` of both triggers. Nothing is registered at AIRudder (no API for it): `create`
 * only validates the settings, so a wrong secret/key/allowlist fails the activation (or the test
 * listen) with a message instead of refusing every callback later.
 */
export const callbackWebhookMethods: INodeType['webhookMethods'] = {
	default: {
		async checkExists() {
			return false;
		},
		async create(this: IHookFunctions) {
			readCallbackSettings(this);
			return true;
		},
		async delete() {
			return true;
		},
	},
};

/** Answers a refused request itself (like n8n's Webhook node does for 401/403) and starts nothing. */
function refuse(
	ctx: IWebhookFunctions,
	status: number,
	reason: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	ctx.logger[status >= 500 ? 'error' : 'warn'](
		`${ctx.getNode().name}: refused an AIRudder callback with HTTP ${status} (${reason})`,
	);
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify({ message: status >= 500 ? 'The trigger settings are invalid' : reason }));
	return { noWebhookResponse: true };
}

/**
 * `webhook()` of both triggers.
 *
 * Refused requests (see `inspectCallback`: 405/403/401/413/415/400, or 500 for invalid settings)
 * are answered here and start no execution. Accepted callbacks that are filtered out, not selected
 * or duplicates get 200 `{}` (`webhookResponse` without `workflowData`: no execution). Otherwise the
 * body becomes one item (plus `_event` if Add Event Name is on) and AIRudder gets 200 `{}`, sent by
 * n8n as `application/json`, or the last node's / Respond to Webhook node's answer.
 */
export async function handleCallback(
	this: IWebhookFunctions,
	spec: CallbackTriggerSpec,
): Promise<IWebhookResponseData> {
	let settings: CallbackSettings;
	try {
		settings = readCallbackSettings(this);
	} catch (error) {
		return refuse(this, 500, (error as Error).message);
	}

	const req = this.getRequestObject();
	// n8n has read the raw body by now, except for multipart bodies (their stream is consumed: refused below).
	const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
	if (!req.rawBody && !multipart && typeof req.readRawBody === 'function') await req.readRawBody();
	const verdict = inspectCallback(
		{
			method: req.method,
			headers: req.headers,
			ip: req.ip ?? req.socket?.remoteAddress,
			pathSecret: (this.getParamsData() as IDataObject).secret as string | undefined,
			rawBody: req.rawBody ?? Buffer.alloc(0),
		},
		settings.guard,
	);
	if (!verdict.accepted) return refuse(this, verdict.status, verdict.reason, verdict.headers);

	const node = this.getNode();
	const routing = routeCallback(verdict.body, spec.catalogue, settings.routing);
	if (!routing.start) {
		this.logger.debug(
			`${node.name}: AIRudder callback answered without an execution (${routing.reason})`,
		);
		return { webhookResponse: {} };
	}
	const scope = `${this.getWorkflow().id}:${node.id}:${verdict.digest}`;
	if (
		settings.dedupeWindowMs > 0 &&
		this.getMode() !== 'manual' &&
		duplicates.isDuplicate(scope, settings.dedupeWindowMs)
	) {
		this.logger.debug(`${node.name}: duplicate AIRudder callback answered without an execution`);
		return { webhookResponse: {} };
	}

	const body = callbackOutput(verdict.body);
	const json = settings.addEventName ? { ...body, _event: routing.event } : body;
	return { webhookResponse: {}, workflowData: [[{ json }]] };
}

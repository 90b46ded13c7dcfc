import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { fromFunction, fromParameter, webhookDescriptionFields } from '../helpers/n8nCompat';
import { type AirudderEvent } from './events';
import { ALL_EVENTS } from './recognition';

/**
 * What the AIRudder triggers declare: the shared parameters, the webhook description and the
 * optional AIRudder Callback credential (secrets are never node parameters: they would sit in
 * plain text in workflow JSON and exports). AIRudder has no API to register callback URLs, so
 * nothing is registered: the user gives AIRudder the Production URL.
 */

/** Default of the Max Body Size option, in KB (1 MB). */
export const DEFAULT_MAX_BODY_KB = 1024;

/** What differs between the AIRudder Trigger and the AIRudder Chatbot Trigger. */
export interface CallbackTriggerSpec {
	catalogue: readonly AirudderEvent[];
	/** Webhook path (after the webhook id). */
	path: 'airudder' | 'airudder-chatbot';
	/** Description of the Respond parameter (which callbacks may need a computed answer). */
	respondDescription: string;
	/** Extra entries of the Options collection (field filters). */
	filterOptions: INodeProperties[];
}

/**
 * The single POST webhook, at `<webhook id>/<path>` (a static path: the secret travels in the
 * query string, see verifySecret.ts). Respond mode comes from the Respond parameter, as in n8n's
 * Webhook node. `responseData` must be DEFINED: n8n 2.41 (cli webhook-helpers) evaluates it with the
 * default `firstEntryJson` and, in onReceived mode, answers any truthy value as the body; `''` lets
 * the node's `webhookResponse` `{}` through (sent with `res.json`, i.e. application/json). In
 * lastNode mode it is `firstEntryJson`, so AIRudder gets the last node's first item as an object.
 */
export function callbackWebhooks(path: 'airudder' | 'airudder-chatbot'): IWebhookDescription[] {
	// Declared with n8n-workflow's field helpers so that n8n resolves them without its expression
	// engine (a V8 isolate per request) when the node's parameters hold no expressions.
	return [
		{
			name: 'default',
			httpMethod: 'POST',
			path,
			...webhookDescriptionFields({
				responseMode: fromParameter('responseMode', 'onReceived'),
				responseData: fromFunction((p) => (p.responseMode === 'lastNode' ? 'firstEntryJson' : '')),
			}),
		},
	];
}

/** The optional credential both triggers take: their shared secret and AES key. */
export const CALLBACK_CREDENTIAL_TYPE = 'airudderCallbackApi';

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
			'Off until you add this option (then 300 s unless you change it). Answers a callback whose raw body equals one accepted in the last this-many seconds with 200 {} and starts no execution. 0 = off. Remembered in this n8n process only (lost on restart, not shared between queue-mode processes); Test URL calls are never dropped.',
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

const INCLUDE_UNKNOWN: INodeProperties = {
	displayName: 'Include Unrecognised Callbacks',
	name: 'includeUnknown',
	type: 'boolean',
	default: false,
	description:
		'Whether callbacks whose payload AIRudder does not document (e.g. task, call and plan end, inbound calls, most chatbot callbacks) also start the workflow. Their shape is unknown, so they are passed on unchanged with _event "unknown". Default: on when Events is *, off when specific events are chosen.',
};

/** The parameters both triggers share; recognisable events of `spec.catalogue` fill the Events list. */
export function callbackProperties(spec: CallbackTriggerSpec): INodeProperties[] {
	const recognisable = spec.catalogue.filter((event) => event.shape);
	return [
		{
			displayName:
				'AIRudder has no API to register callback URLs: publish the workflow, copy the Production URL above and give it to AIRudder (your account manager or the iCall console) as the callback URL. To refuse callbacks that do not come from AIRudder, select an AIRudder Callback credential with a shared secret and add <code>?secret=&lt;your secret&gt;</code> (or the query parameter name the credential gives) to that URL.',
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
						// n8n's trigger picker shows this as is (else the name lower-cased, colons dropped)
						action: `On ${event.displayName}`,
					}))
					.sort(byName),
			],
			default: [ALL_EVENTS],
			description:
				'Recognised callbacks that start the workflow, told apart by the fields AIRudder documents for them. Other recognised callbacks are answered 200 {} without an execution.',
		},
		// Two fields of one name: the default follows Events (n8n stores only values that differ
		// from the default): on with every event ("*"), off once specific events are chosen.
		{ ...INCLUDE_UNKNOWN, default: true, displayOptions: { show: { events: [ALL_EVENTS] } } },
		{ ...INCLUDE_UNKNOWN, default: false, displayOptions: { hide: { events: [ALL_EVENTS] } } },
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
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...COMMON_OPTIONS, ...spec.filterOptions].sort(byDisplayName),
		},
	];
}

import http from 'node:http';
import https from 'node:https';

import { CHATBOT_EVENTS, VOICE_EVENTS } from './callback-examples';

/**
 * Callbacks ("webhooks") AIRudder POSTs to a URL the integrator gives it. Delivery follows the
 * documented pushes (seed 001 and the Workflow pages): JSON POST with `Content-Type:
 * application/json` and `User-Agent: Airudder`, no signature. The sandbox adds `X-Sandbox-Event:
 * <event>` (its own header, not AIRudder's) so one receiver can tell events apart.
 * Callback encryption (回调数据加解密对接) is undocumented: callbacks are always sent in plain JSON.
 */

/** Where a catalogue payload comes from. */
export type PayloadSource =
	/** The doc page's own example, carried over as shown. */
	| 'doc example'
	/** The reference file's `example`, which its `x-example-source` itself calls illustrative. */
	| 'reference example (illustrative)'
	/** The reference has no example: made up by the sandbox. */
	| 'sandbox illustrative';

export interface CallbackEvent {
	/** operationId / webhook key in the reference file. */
	event: string;
	file: string;
	docUrl: string;
	source: PayloadSource;
	example: Record<string, unknown>;
}

const APIFOX = 'https://apifox.com/apidoc/shared/aea72e1c-0fb4-4aa9-a8a3-166c57bc7a64';
const TASK_DOC = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773';
const PLAN_DOC = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996797';
const LINES_DOC = 'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-130920469';
const LEADS_DOC =
	'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-78060933 (candidate; page not readable)';
const INBOUND_DOC =
	'https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-146717085 (candidate; page not readable)';

// Sample values: the TaskID, number, customer and comments of the docs' create-task example (seed 002).
const SAMPLE_TASK_ID = 'c3b6b04cd7f8d2b182d3fd20eed3d144';

/** ILLUSTRATIVE call-end payload (the call-completion fields are not documented). */
function sampleCall(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		Customer: 'Customer-user1',
		Mobile: '+6212345678',
		Platform: 'AIRUDDER',
		Comments: 'Comments',
		TaskID: SAMPLE_TASK_ID,
		TaskName: 'test-apitest-001',
		CallID: 'a3f5c12ac59e4d0b9c7e1f2a3b4c5d6e',
		Callee: '+6212345678',
		CallStatus: 'finished',
		Duration: 12,
		FinishTime: '2023-03-31 20:05:20',
		RecordingUrl: '',
		...extra,
	};
}

/** ILLUSTRATIVE task-end payload. */
function sampleTask(): Record<string, unknown> {
	return {
		TaskID: SAMPLE_TASK_ID,
		TaskName: 'test-apitest-001',
		Status: 'finished',
		Total: 1,
		Finished: 1,
		Cancelled: 0,
	};
}

/** ILLUSTRATIVE plan-end payload. */
const samplePlan = () => ({
	PlanID: '8d2b182d3fd20eed3d144c3b6b04cd7f',
	PlanName: 'sandbox-plan',
	Status: 'finished',
});

const WORKFLOW_FIELDS = {
	workflow_id: '4cb9db206ac0xxxxxxxxxx15e4e613d2',
	workflow_name: '0970_0415_1',
	nodetask_id: '8fb437c7c413xxxxxxxxxx35b09b5a3',
	nodetask_name: 'Robot call 1',
	case_id: 'test-caseid11',
};

/**
 * A payload the trigger's catalogue (nodes/Airudder/trigger/events.ts) holds: the reference's or
 * the doc page's example, kept there once for both the trigger and the sandbox.
 */
function catalogueExample(key: string): Record<string, unknown> {
	const example = VOICE_EVENTS.find((entry) => entry.key === key)?.example;
	if (!example) throw new Error(`nodes/Airudder/trigger/events.ts has no example for ${key}`);
	return structuredClone(example);
}

const event = (
	name: string,
	file: string,
	docUrl: string,
	source: PayloadSource,
	example: Record<string, unknown>,
): [string, CallbackEvent] => [name, { event: name, file, docUrl, source, example }];

const CORE = 'core-collection.openapi.yaml';
const LINES = 'telemarketing-infocheck.openapi.yaml';
const WORKFLOW = 'workflow.openapi.yaml';
const LEADS = 'leads-inbound-encryption.openapi.yaml';

/**
 * Every webhook key of the five reference files. Payloads the reference or a doc page gives come
 * from the trigger's catalogue (nodes/Airudder/trigger/events.ts: `catalogueExample` and the chatbot
 * events); only the sandbox's own illustrative ones are written here.
 */
export const CALLBACK_EVENTS: ReadonlyMap<string, CallbackEvent> = new Map([
	event('collectionTaskFinished', CORE, TASK_DOC, 'sandbox illustrative', sampleTask()),
	event('collectionCallFinished', CORE, TASK_DOC, 'sandbox illustrative', sampleCall()),
	event('collectionPlanFinished', CORE, PLAN_DOC, 'sandbox illustrative', samplePlan()),
	event('telemarketingWebhookOfTask', LINES, LINES_DOC, 'sandbox illustrative', sampleTask()),
	event('telemarketingWebhookOfCall', LINES, LINES_DOC, 'sandbox illustrative', sampleCall()),
	event('telemarketingWebhookOfPlan', LINES, LINES_DOC, 'sandbox illustrative', samplePlan()),
	event('infoCheckWebhookOfTask', LINES, LINES_DOC, 'sandbox illustrative', sampleTask()),
	event('infoCheckWebhookOfCall', LINES, LINES_DOC, 'sandbox illustrative', sampleCall()),
	event('infoCheckWebhookOfPlan', LINES, LINES_DOC, 'sandbox illustrative', samplePlan()),
	event(
		'workflowPdsTaskStatusChanged',
		WORKFLOW,
		`${APIFOX}/api-50408764`,
		'reference example (illustrative)',
		catalogueExample('workflowPdsTaskStatusChanged'),
	),
	event(
		'workflowPdsContactStatusChanged',
		WORKFLOW,
		`${APIFOX}/api-50409091`,
		'reference example (illustrative)',
		catalogueExample('workflowPdsContactStatusChanged'),
	),
	event(
		'workflowPdsAgentStatusChanged',
		WORKFLOW,
		`${APIFOX}/api-50406436`,
		'reference example (illustrative)',
		catalogueExample('workflowPdsAgentStatusChanged'),
	),
	// The reference lists only the five workflow fields of this push (x-likely-properties).
	event(
		'workflowCallCompleted',
		WORKFLOW,
		`${APIFOX}/api-45263573`,
		'sandbox illustrative',
		sampleCall(WORKFLOW_FIELDS),
	),
	event(
		'workflowCustomApiNodePush',
		WORKFLOW,
		`${APIFOX}/api-154267240`,
		'reference example (illustrative)',
		catalogueExample('workflowCustomApiNodePush'),
	),
	event(
		'workflowListCompleted',
		WORKFLOW,
		`${APIFOX}/api-154087917`,
		'reference example (illustrative)',
		catalogueExample('workflowListCompleted'),
	),
	event(
		'workflowStatusChanged',
		WORKFLOW,
		`${APIFOX}/api-178704796`,
		'reference example (illustrative)',
		catalogueExample('workflowStatusChanged'),
	),
	// Seed 001, the full page: the doc's example exactly as shown.
	event(
		'workflowWabaMessageStatusChanged',
		WORKFLOW,
		'https://api-docs.airudder.com/apidoc/docs-site/1780479/api-285317014',
		'doc example',
		catalogueExample('workflowWabaMessageStatusChanged'),
	),
	// The doc example, trimmed where the stored copy breaks off (inside the third message's `reply`).
	event(
		'workflowChatbotSessionEnded',
		WORKFLOW,
		'https://api-docs.airudder.com/api-286285407',
		'doc example',
		catalogueExample('workflowChatbotSessionEnded'),
	),
	event('leadsGenPdsTaskStatusChanged', LEADS, LEADS_DOC, 'sandbox illustrative', {
		type: 'TaskStatus',
		body: {
			taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
			taskName: 'pds_task_0501',
			state: 'Finished',
		},
	}),
	event('leadsGenPdsAgentStatusChanged', LEADS, LEADS_DOC, 'sandbox illustrative', {
		type: 'AgentStatus',
		body: {
			taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
			taskName: 'pds_task_0501',
			State: 'TALKRESULT',
		},
	}),
	event('leadsGenPdsContactStatusChanged', LEADS, LEADS_DOC, 'sandbox illustrative', {
		type: 'ContactStatus',
		body: {
			taskId: '8f3c0c1e2b7d4a59a1f0c6d2e4b8a7c3',
			taskName: 'pds_task_0501',
			state: 'HANGUP',
			phoneNumber: '+6281234567890',
		},
	}),
	event(
		'leadsGenCallEndStatus',
		LEADS,
		LEADS_DOC,
		'sandbox illustrative',
		sampleCall(WORKFLOW_FIELDS),
	),
	event('leadsGenCustomApiDataPush', LEADS, LEADS_DOC, 'sandbox illustrative', {
		workflow_id: '0ca6e3a59cf74630906683882aa5111a',
		workflow_name: 'leads_0501',
		node_id: 'api_node_1',
		node_name: 'Custom API',
		callee: {
			case_id: 'C20250501001',
			callee_name: 'Budi',
			callee_gender: 'male',
			callee_number: '+6281234567890',
			platform_name: 'AIRUDDER',
			extra_a: 'lead-123',
		},
	}),
	event('leadsGenVerifyCustomApiDataPush', LEADS, LEADS_DOC, 'sandbox illustrative', {
		workflow_id: '0ca6e3a59cf74630906683882aa5111a',
		node_id: 'api_node_1',
		callee: '+6281234567890',
	}),
	event('inboundTransferredToAgent', LEADS, INBOUND_DOC, 'sandbox illustrative', {
		call_id: 'b7e1c0d2a3f44e5f8a9b0c1d2e3f4a5b',
		caller: '+6281234567890',
		agent: 'agent-001',
		transfer_time: '2025-05-01 10:00:00',
	}),
	event('inboundCallEnded', LEADS, INBOUND_DOC, 'sandbox illustrative', {
		call_id: 'b7e1c0d2a3f44e5f8a9b0c1d2e3f4a5b',
		caller: '+6281234567890',
		duration: 42,
		end_time: '2025-05-01 10:00:42',
	}),
	...CHATBOT_EVENTS.map((chatbot) =>
		event(
			chatbot.key,
			'chatbot.openapi.yaml',
			chatbot.docUrl ?? 'chatbot.openapi.yaml (no doc URL)',
			chatbot.example
				? chatbot.exampleSource === 'doc'
					? 'doc example'
					: 'reference example (illustrative)'
				: 'sandbox illustrative',
			// ILLUSTRATIVE where the reference has no example: only the call id the docs' chatbot
			// examples carry, so that the payload is recognisably a sandbox one.
			(chatbot.example as Record<string, unknown> | undefined) ?? {
				call_id: 'sandbox-chatbot-call-1',
				sandbox_event: chatbot.key,
			},
		),
	),
]);

/** Default payload of `event` (a deep copy) and where it comes from. @throws Error for an unknown event. */
export function callbackExample(name: string): {
	body: Record<string, unknown>;
	source: PayloadSource;
} {
	const known = CALLBACK_EVENTS.get(name);
	if (!known) {
		throw new Error(
			`Unknown callback event "${name}". Known: ${[...CALLBACK_EVENTS.keys()].join(', ')}`,
		);
	}
	return { body: structuredClone(known.example), source: known.source };
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs `body` (or the event's catalogue payload) to `url` as AIRudder would.
 * @returns the receiver's status and body text. Rejects on a network error or after 10 s.
 */
export async function fireCallback(
	url: string,
	name: string,
	body?: object,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
	const payload = body ?? callbackExample(name).body;
	callbackExample(name); // an unknown event is refused even with a body (catches typos)
	return await postCallback(url, payload, { 'X-Sandbox-Event': name, ...headers });
}

/**
 * POSTs `payload` as JSON to `url` the way AIRudder delivers callbacks (`Content-Type:
 * application/json`, `User-Agent: Airudder`, plus `headers`).
 * @returns the receiver's status and body text. Rejects on a network error or after 10 s.
 */
export async function postCallback(
	url: string,
	payload: object,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
	const target = new URL(url);
	if (target.protocol !== 'http:' && target.protocol !== 'https:')
		throw new Error(`Callback URL must be http(s): ${url}`);
	const text = JSON.stringify(payload);
	return await new Promise((resolve, reject) => {
		const request = (target.protocol === 'https:' ? https : http).request(
			target,
			{
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': 'Airudder',
					'Content-Length': String(Buffer.byteLength(text)),
					...headers,
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		request.setTimeout(TIMEOUT_MS, () =>
			request.destroy(new Error(`Callback to ${url} timed out after ${TIMEOUT_MS} ms`)),
		);
		request.on('error', reject);
		request.end(text);
	});
}

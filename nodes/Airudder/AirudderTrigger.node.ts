import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VOICE_EVENTS } from './trigger/events';
import { WABA_STATUSES } from './trigger/recognition';
import {
	callbackProperties,
	callbackWebhooks,
	type CallbackTriggerSpec,
} from './trigger/properties';
import { callbackWebhookMethods, handleCallback, testCallbackCredential } from './trigger/webhook';

const VOICE_TRIGGER: CallbackTriggerSpec = {
	catalogue: VOICE_EVENTS,
	path: 'airudder',
	respondDescription:
		'When AIRudder gets its answer. The documented answer is HTTP 200 {}; QA reports get {"success": true, "data": {"message": "Success Store Recording Report"}, "errors": []}, as the reference\'s receiver answers. The answer the Custom API Node Data Push expects is not documented: if AIRudder needs data back, answer from the last node or a Respond to Webhook node. Refused, filtered-out and duplicate callbacks are always answered at once.',
	filterOptions: [
		{
			displayName: 'WABA Message Statuses',
			name: 'wabaStatuses',
			type: 'multiOptions',
			options: WABA_STATUSES.map(({ name, value, description }) => ({ name, value, description })),
			default: [],
			description:
				'Only WABA message status callbacks with these statuses start the workflow. Empty = all.',
		},
		{
			displayName: 'Workflow IDs',
			name: 'workflowIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4cb9db206ac04f1e9a315e4e613d2c11',
			description:
				'Comma-separated workflow_id values: callbacks carrying another workflow_id are answered 200 {} without an execution. Callbacks without a workflow_id are not affected.',
		},
	],
};

/**
 * AIRudder Trigger: the URL users give AIRudder for its voice and workflow callbacks (WABA message
 * status, chatbot session end, custom API node push, list completion, status change, predictive
 * dialer, task/call/plan end, inbound, QA speech-analytics report). AIRudder has no API to register
 * callback URLs, so set-up is manual. Answers HTTP 200 `{}` as the documented notification page shows.
 * Docs: https://api-docs.airudder.com/apidoc/docs-site/1780479/api-285317014 and trigger/events.ts.
 */
export class AirudderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder Trigger',
		name: 'airudderTrigger',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'AIRudder callbacks',
		description:
			'Starts the workflow when AIRudder sends a voice, workflow or QA callback (WABA message status, custom API node push, predictive dialer, QA report, task or call end, ...)',
		eventTriggerDescription: 'Waiting for AIRudder to call the Test URL',
		activationMessage: 'Give the Production URL to AIRudder as the callback URL.',
		defaults: { name: 'AIRudder Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'airudderCallbackApi', required: false, testedBy: 'airudderCallbackApiTest' },
		],
		webhooks: callbackWebhooks(VOICE_TRIGGER.path),
		properties: callbackProperties(VOICE_TRIGGER),
	};

	methods = { credentialTest: { airudderCallbackApiTest: testCallbackCredential } };

	webhookMethods = callbackWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback.call(this, VOICE_TRIGGER);
	}
}

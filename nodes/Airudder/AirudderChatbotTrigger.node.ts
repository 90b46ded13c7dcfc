import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CHATBOT_EVENTS } from './trigger/events';
import {
	callbackProperties,
	callbackWebhooks,
	type CallbackTriggerSpec,
} from './trigger/properties';
import { callbackWebhookMethods, handleCallback, testCallbackCredential } from './trigger/webhook';

const CHATBOT_TRIGGER: CallbackTriggerSpec = {
	catalogue: CHATBOT_EVENTS,
	path: 'airudder-chatbot',
	respondDescription:
		'When AIRudder gets its answer. No chatbot callback page documents the answer it expects (the sibling Workflow WABA notification answers HTTP 200 {}); answer from the last node or a Respond to Webhook node if AIRudder needs data back. Refused, filtered-out and duplicate callbacks are always answered at once.',
	filterOptions: [],
};

/**
 * AIRudder Chatbot Trigger: the URL users give AIRudder for its chatbot / WhatsApp (WABA) / Huawei
 * callbacks (AIRudder's chatbot docs). Only the "message.send" event report is documented;
 * every other chatbot callback arrives as `unknown`, unchanged. No registration API exists.
 * Docs: https://api-docs.airudder.com/api-260826446 and trigger/events.ts.
 */
export class AirudderChatbotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder Chatbot Trigger',
		name: 'airudderChatbotTrigger',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'AIRudder chatbot callbacks',
		description:
			'Starts the workflow when AIRudder sends a chatbot or WhatsApp callback (messages, agent transfer, session end, ...)',
		eventTriggerDescription: 'Waiting for AIRudder to call the Test URL',
		activationMessage: 'Give the Production URL to AIRudder as the chatbot callback URL.',
		defaults: { name: 'AIRudder Chatbot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'airudderCallbackApi', required: false, testedBy: 'airudderCallbackApiTest' },
		],
		webhooks: callbackWebhooks(CHATBOT_TRIGGER.path),
		properties: callbackProperties(CHATBOT_TRIGGER),
	};

	methods = { credentialTest: { airudderCallbackApiTest: testCallbackCredential } };

	webhookMethods = callbackWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback.call(this, CHATBOT_TRIGGER);
	}
}

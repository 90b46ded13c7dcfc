import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * AIRudder Trigger: the URL users give AIRudder for its callbacks (call end, task end, plan end,
 * workflow notifications). AIRudder has no API to register callback URLs, so set-up is manual.
 * Answers HTTP 200 `{}` as the documented notification pages show (seed 001).
 */
export class AirudderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder Trigger',
		name: 'airudderTrigger',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'AIRudder callbacks',
		description: 'Starts the workflow when AIRudder sends a callback (call finished, task finished, workflow notifications)',
		defaults: { name: 'AIRudder Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'airudder',
			},
		],
		properties: [
			{
				displayName:
					'AIRudder has no API to register callback URLs: copy the Production URL above and give it to AIRudder (your account manager or the iCall console) as the callback URL. Publish the workflow first.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	/** Emits the callback body as one item and answers HTTP 200 with `{}`. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as IDataObject;
		return {
			webhookResponse: {},
			workflowData: [this.helpers.returnJsonArray([body])],
		};
	}
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as custom from './actions/chatbot/custom/Custom.resource';
import * as huaweiChannel from './actions/chatbot/huaweiChannel/HuaweiChannel.resource';
import * as message from './actions/chatbot/message/Message.resource';
import * as templateMessage from './actions/chatbot/templateMessage/TemplateMessage.resource';
import { withCustomApiCallLast } from './actions/shared/customApiCall';
import { router } from './actions/chatbot/router';
import { CURRENT_VERSION, NODE_VERSIONS, versionedDefault } from './actions/shared/versions';

/** The AIRudder Chatbot (WhatsApp / WABA) action node: one folder per resource under actions/chatbot/, one
 * file per operation. */
export class AirudderChatbot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder Chatbot',
		name: 'airudderChatbot',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['output'],
		version: NODE_VERSIONS,
		defaultVersion: CURRENT_VERSION,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp (WABA) template messages through AIRudder, read chatbot conversations and forward Huawei-channel user messages. Warning: Template Message → Send messages real WhatsApp users.',
		defaults: { name: 'AIRudder Chatbot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'airudderChatbotApi', required: true }],
		properties: [
			// version 1.1: a new node (and an AI agent's tool) starts on Message → Get Many, a read
			...versionedDefault(
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					// the package's Custom API Call is added last: n8n then adds no generic entry of its own
					options: withCustomApiCallLast([
						{ name: 'Huawei Channel', value: 'huaweiChannel' },
						{ name: 'Message', value: 'message' },
						{ name: 'Template Message', value: 'templateMessage' },
					]),
					default: 'message',
				},
				'templateMessage',
				'message',
			),
			...templateMessage.description,
			...message.description,
			...huaweiChannel.description,
			...custom.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

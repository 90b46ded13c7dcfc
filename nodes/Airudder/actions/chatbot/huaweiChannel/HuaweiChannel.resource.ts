import type { INodeProperties } from 'n8n-workflow';

import * as sendUserMessage from './sendUserMessage.operation';

/** Huawei Channel resource: the Huawei-channel integration of the AIRudder chatbot. */
export const operations = { sendUserMessage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['huaweiChannel'] } },
		options: [
			{
				name: 'Send User Message',
				value: 'sendUserMessage',
				description: 'Forward what an end user sent on the Huawei channel to the AIRudder chatbot',
				action: 'Send a user message that the chatbot acts on as a real user message',
			},
		],
		default: 'sendUserMessage',
	},
	...sendUserMessage.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

/** Template Message resource: WhatsApp template messages from a WABA account. */
export const operations = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['templateMessage'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an approved WhatsApp template to the input items (one receiver per item)',
				action: 'Send a template message to real recipients',
			},
		],
		default: 'send',
	},
	...send.description,
];

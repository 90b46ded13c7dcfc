import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

/** SMS resource (from a public client, not AIRudder's docs). */
export const operations = { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS (endpoint known from a public client, not the docs)',
				action: 'Send an SMS to a real phone number',
			},
		],
		default: 'send',
	},
	...send.description,
];

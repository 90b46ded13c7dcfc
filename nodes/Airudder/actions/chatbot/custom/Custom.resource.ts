import type { INodeProperties } from 'n8n-workflow';

import * as apiCall from './apiCall.operation';

/** Custom API Call: reach any AIRudder chatbot endpoint with the chatbot credential. */
export const operations = { apiCall };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['custom'] } },
		options: [
			{
				name: 'Make an API Call',
				value: 'apiCall',
				description: 'Call any AIRudder chatbot endpoint with this credential',
				action: 'Make a chatbot API call',
			},
		],
		default: 'apiCall',
	},
	...apiCall.description,
];

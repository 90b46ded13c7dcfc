import type { INodeProperties } from 'n8n-workflow';

import * as apiCall from './apiCall.operation';

/** Custom API Call: reach any AIRudder endpoint with this credential (token + AES). */
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
				description: 'Call any AIRudder endpoint with this credential',
				action: 'Make an API call',
			},
		],
		default: 'apiCall',
	},
	...apiCall.description,
];

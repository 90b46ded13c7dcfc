import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

/** Message resource: the messages of one chatbot conversation. */
export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get one page of the messages of a conversation',
				action: 'Get many messages of a conversation',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

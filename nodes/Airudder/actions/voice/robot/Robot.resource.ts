import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

/** Robot resource: the voice robots of the account. */
export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['robot'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the robots of your account',
				action: 'Get many robots',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

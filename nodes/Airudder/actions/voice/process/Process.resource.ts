import type { INodeProperties } from 'n8n-workflow';

import * as getNodeReadStatus from './getNodeReadStatus.operation';

/** Process resource: AIRudder's process API (tenantId/token headers). */
export const operations = { getNodeReadStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['process'] } },
		options: [
			{
				name: 'Get Node Read Status',
				value: 'getNodeReadStatus',
				description: 'Get which items of a process node are read and unread',
				action: 'Get the read status of a process node',
			},
		],
		default: 'getNodeReadStatus',
	},
	...getNodeReadStatus.description,
];

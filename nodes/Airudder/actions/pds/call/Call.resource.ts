import type { INodeProperties } from 'n8n-workflow';

import * as getRecording from './getRecording.operation';
import * as getRecords from './getRecords.operation';

/** Call resource of the Predictive Dialer: the calls of a task and their recordings. */
export const operations = { getRecords, getRecording };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get Recording',
				value: 'getRecording',
				description: "Get a call's recording link and the file",
				action: 'Get the recording of a predictive dialer call',
			},
			{
				name: 'Get Records',
				value: 'getRecords',
				description: "Get a task's call records",
				action: 'Get the call records of a predictive dialer task',
			},
		],
		default: 'getRecords',
	},
	...getRecords.description,
	...getRecording.description,
];

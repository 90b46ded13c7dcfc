import type { INodeProperties } from 'n8n-workflow';

import * as getCallRecording from './getCallRecording.operation';
import * as getTaskRecordings from './getTaskRecordings.operation';

/** Recording resource: call recordings as links and binary files. */
export const operations = { getCallRecording, getTaskRecordings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [
			{
				name: 'Get Call Recording',
				value: 'getCallRecording',
				description: 'Get the recording of one call in a task',
				action: 'Get a call recording',
			},
			{
				name: 'Get Task Recordings',
				value: 'getTaskRecordings',
				description: 'Get the recordings of a whole task (archive)',
				action: 'Get the recordings of a task',
			},
		],
		default: 'getCallRecording',
	},
	...getCallRecording.description,
	...getTaskRecordings.description,
];

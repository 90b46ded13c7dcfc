import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as start from './start.operation';

/** Task resource of the QA node: create a task, start or cancel its analysis. */
export const operations = { create, start, cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: "Cancel a QA task's analysis",
				action: 'Cancel a QA task and its analysis',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an empty QA task (no recording is sent, nothing is analysed)',
				action: 'Create a QA task on the QA service',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start the analysis of the recordings uploaded into a task',
				action: 'Start a QA task so its recordings get analysed',
			},
		],
		default: 'create',
	},
	...create.description,
	...start.description,
	...cancel.description,
];

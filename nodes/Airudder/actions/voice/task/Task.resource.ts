import type { INodeProperties } from 'n8n-workflow';

import { versionedDefault } from '../../shared/versions';
import * as cancelCall from './cancelCall.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as stop from './stop.operation';

/** Task resource: calling tasks (one batch of numbers dialled once, with optional redials). */
export const operations = { create, getAll, get, stop, cancelCall };

export const description: INodeProperties[] = [
	// version 1.1: a new node (and an AI agent's tool) starts on Get, a read
	...versionedDefault(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['task'] } },
			options: [
				{
					name: 'Cancel Call',
					value: 'cancelCall',
					description: 'Stop dialling one number of a task',
					action: 'Cancel a call in a task so that its number is not dialled again',
				},
				{
					name: 'Create',
					value: 'create',
					description: 'Create a calling task from the input items (one contact per item)',
					action: 'Create a calling task that places real phone calls',
				},
				{
					name: 'Get',
					value: 'get',
					description: "Get a task's detailed information",
					action: 'Get a task',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the tasks created',
					action: 'Get many tasks',
				},
				{
					name: 'Stop',
					value: 'stop',
					description: 'Stop a running or scheduled task',
					action: 'Stop a task so that it places no more calls',
				},
			],
			default: 'get',
		},
		'create',
		'get',
	),
	...create.description,
	...getAll.description,
	...get.description,
	...stop.description,
	...cancelCall.description,
];

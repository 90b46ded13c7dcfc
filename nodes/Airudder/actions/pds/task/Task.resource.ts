import type { INodeProperties } from 'n8n-workflow';

import * as cancelContacts from './cancelContacts.operation';
import * as copy from './copy.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

/** Task resource of the Predictive Dialer: campaigns AIRudder dials for the agents of a skill group. */
export const operations = { create, copy, getAll, cancelContacts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Cancel Contacts',
				value: 'cancelContacts',
				description: "Take numbers off a task's calling queue (one number per item)",
				action: 'Cancel contacts in a predictive dialer task',
			},
			{
				name: 'Copy',
				value: 'copy',
				description: 'Create a task from an existing one, e.g. to re-dial unanswered contacts',
				action: 'Copy a predictive dialer task',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a task from the input items (one contact per item)',
				action: 'Create a predictive dialer task that places real phone calls',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the tasks starting in a time window',
				action: 'Get many predictive dialer tasks',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...copy.description,
	...getAll.description,
	...cancelContacts.description,
];

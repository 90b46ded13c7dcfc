import type { INodeProperties } from 'n8n-workflow';

import * as addContacts from './addContacts.operation';
import * as create from './create.operation';
import * as findByContact from './findByContact.operation';
import * as getTaskDetail from './getTaskDetail.operation';
import * as verifyCustomApiPush from './verifyCustomApiPush.operation';

/** Workflow resource: workflow tasks created from templates built in the iCall console. */
export const operations = {
	create,
	addContacts,
	getTaskDetail,
	findByContact,
	verifyCustomApiPush,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description: 'Add the input items as contacts of a workflow task',
				action: 'Add contacts to a workflow task that places real phone calls to them',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a workflow task from a template, with the input items as contacts',
				action: 'Create a workflow task that places real phone calls',
			},
			{
				name: 'Find by Contact',
				value: 'findByContact',
				description: 'Find workflow IDs by case ID or callee',
				action: 'Find workflow tasks by contact',
			},
			{
				name: 'Get Outbound Task Details',
				value: 'getTaskDetail',
				description: "Get the outbound-call details of a workflow's tasks",
				action: 'Get workflow outbound task details',
			},
			{
				name: 'Verify Custom API Push',
				value: 'verifyCustomApiPush',
				description: 'Verify a Custom API node data push',
				action: 'Verify a custom API node push',
			},
		],
		default: 'create',
	},
	...create.description,
	...addContacts.description,
	...getTaskDetail.description,
	...findByContact.description,
	...verifyCustomApiPush.description,
];

import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as custom from './custom/Custom.resource';
import * as recording from './recording/Recording.resource';
import * as robot from './robot/Robot.resource';
import * as sms from './sms/Sms.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'AIRudder',
	name: 'airudder',
	icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
	group: ['output'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description:
		'Create AIRudder (iCall) voice-bot calling tasks and workflows, get recordings, send SMS. Warning: Task → Create and Workflow → Create place real phone calls to the numbers given.',
	defaults: { name: 'AIRudder' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'airudderApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Custom API Call', value: 'custom' },
				{ name: 'Recording', value: 'recording' },
				{ name: 'Robot', value: 'robot' },
				{ name: 'SMS', value: 'sms' },
				{ name: 'Task', value: 'task' },
				{ name: 'Workflow', value: 'workflow' },
			],
			default: 'task',
		},
		...task.description,
		...robot.description,
		...recording.description,
		...workflow.description,
		...sms.description,
		...custom.description,
	],
};

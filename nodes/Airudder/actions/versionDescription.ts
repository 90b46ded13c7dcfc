import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as robot from './robot/Robot.resource';
import * as task from './task/Task.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'AIRudder',
	name: 'airudder',
	icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
	group: ['output'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description:
		'Create and manage AIRudder (iCall) voice-bot calling tasks. Warning: Task → Create places real phone calls to the numbers given.',
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
				{ name: 'Robot', value: 'robot' },
				{ name: 'Task', value: 'task' },
			],
			default: 'task',
		},
		...task.description,
		...robot.description,
	],
};

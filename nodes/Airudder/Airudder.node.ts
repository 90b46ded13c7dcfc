import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as custom from './actions/voice/custom/Custom.resource';
import * as processApi from './actions/voice/process/Process.resource';
import * as recording from './actions/voice/recording/Recording.resource';
import * as robot from './actions/voice/robot/Robot.resource';
import * as sms from './actions/voice/sms/Sms.resource';
import * as task from './actions/voice/task/Task.resource';
import * as workflow from './actions/voice/workflow/Workflow.resource';
import { withCustomApiCallLast } from './actions/shared/customApiCall';
import { router } from './actions/voice/router';
import { CURRENT_VERSION, NODE_VERSIONS } from './actions/shared/versions';
import { listSearch } from './methods';

/** The AIRudder action node: one folder per resource under actions/voice/, one file per operation. */
export class Airudder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder',
		name: 'airudder',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['output'],
		version: NODE_VERSIONS,
		defaultVersion: CURRENT_VERSION,
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
				// the package's Custom API Call is added last: n8n then adds no generic entry of its own
				options: withCustomApiCallLast([
					{ name: 'Process', value: 'process' },
					{ name: 'Recording', value: 'recording' },
					{ name: 'Robot', value: 'robot' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Task', value: 'task' },
					{ name: 'Workflow', value: 'workflow' },
				]),
				default: 'task',
			},
			...task.description,
			...robot.description,
			...recording.description,
			...workflow.description,
			...sms.description,
			...processApi.description,
			...custom.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

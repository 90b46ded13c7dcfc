import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/pds/call/Call.resource';
import * as custom from './actions/pds/custom/Custom.resource';
import * as task from './actions/pds/task/Task.resource';
import { withCustomApiCallLast } from './actions/shared/customApiCall';
import { router } from './actions/pds/router';

/**
 * The AIRudder Predictive Dialer (PDS) node: campaigns AIRudder dials and hands to the human agents
 * of a skill group. One folder per resource under actions/pds/, one file per operation.
 * Source: no AIRudder doc page exists; the requests follow a production client's usage.
 */
export class AirudderPredictiveDialer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder Predictive Dialer',
		name: 'airudderPredictiveDialer',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Run AIRudder predictive-dialer (PDS) campaigns: create, copy and list tasks, cancel contacts, read call records and recordings. Warning: Task → Create places real phone calls to the numbers given.',
		defaults: { name: 'AIRudder Predictive Dialer' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'airudderPdsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// the package's Custom API Call is added last: n8n then adds no generic entry of its own
				options: withCustomApiCallLast([
					{ name: 'Call', value: 'call' },
					{ name: 'Task', value: 'task' },
				]),
				default: 'task',
			},
			...task.description,
			...call.description,
			...custom.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

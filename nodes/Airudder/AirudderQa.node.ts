import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as custom from './actions/qa/custom/Custom.resource';
import * as recording from './actions/qa/recording/Recording.resource';
import { router } from './actions/qa/router';
import * as task from './actions/qa/task/Task.resource';
import { withCustomApiCallLast } from './actions/shared/customApiCall';

/**
 * The AIRudder QA node (speech analytics of call recordings): create a QA task, upload recordings
 * into it (base64 inside JSON), start or cancel it, or all in one step (Recording → Analyse); any
 * other QA endpoint through the Custom API Call.
 * AIRudder posts the analysis to a callback URL (the AIRudder Trigger). One folder per resource
 * under actions/qa/, one file per operation. No AIRudder doc page: the API is known from a
 * production client (juloserver collops_qa_automation).
 */
export class AirudderQa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AIRudder QA',
		name: 'airudderQa',
		icon: { light: 'file:airudder.svg', dark: 'file:airudder.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send call recordings to AIRudder QA (speech analytics) for transcripts and SOP / negative-word scores. Warning: Upload and Analyse send the recordings to AIRudder, Start has them analysed.',
		defaults: { name: 'AIRudder QA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'airudderQaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// the package's Custom API Call is added last: n8n then adds no generic entry of its own
				options: withCustomApiCallLast([
					{ name: 'Recording', value: 'recording' },
					{ name: 'Task', value: 'task' },
				]),
				// No read exists: the default is the least harmful write (an empty task, nothing sent or analysed).
				default: 'task',
			},
			...task.description,
			...recording.description,
			...custom.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationModule } from './common';
import * as custom from './custom/Custom.resource';
import * as recording from './recording/Recording.resource';
import * as robot from './robot/Robot.resource';
import * as sms from './sms/Sms.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

const resources: Record<string, Record<string, OperationModule>> = {
	task: task.operations,
	robot: robot.operations,
	recording: recording.operations,
	workflow: workflow.operations,
	sms: sms.operations,
	custom: custom.operations,
};

/** Dispatches to `actions/<resource>/<operation>.operation.ts`, which handles all input items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await module.execute.call(this, this.getInputData())];
}

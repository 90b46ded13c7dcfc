import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationModule } from '../actions/common';
import * as custom from './custom/Custom.resource';
import * as huaweiChannel from './huaweiChannel/HuaweiChannel.resource';
import * as message from './message/Message.resource';
import * as templateMessage from './templateMessage/TemplateMessage.resource';

const resources: Record<string, Record<string, OperationModule>> = {
	templateMessage: templateMessage.operations,
	message: message.operations,
	huaweiChannel: huaweiChannel.operations,
	custom: custom.operations,
};

/** Dispatches to `chatbot/<resource>/<operation>.operation.ts`, which handles all input items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await module.execute.call(this, this.getInputData())];
}

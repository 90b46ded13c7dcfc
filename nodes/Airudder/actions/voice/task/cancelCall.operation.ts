import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseMobile } from '../../../helpers/contacts';
import { TASK_RULES } from './validation';
import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { forOperation, perItem, requiredString } from '../../shared/operations';
import { taskIdProperty } from './taskId';

/**
 * Task → Cancel Call: "Cancel a Certain Call in a Specific Task", `POST /service/cloud/cancelphonecall`
 * with `{TaskID, CalleeNumber}` (body from a third-party client).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('task', 'cancelCall', [
	taskIdProperty,
	{
		displayName: 'Callee Number',
		name: 'calleeNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +6212341234',
		description: 'The number in the task that should no longer be dialled',
	},
]);

/** @returns one item per input item: `{ TaskID, CalleeNumber, cancelled: true, response }`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const TaskID = requiredString.call(this, 'taskId', 'Task ID', itemIndex);
		const CalleeNumber = normaliseMobile(
			requiredString.call(this, 'calleeNumber', 'Callee Number', itemIndex),
		);
		if (!TASK_RULES.mobilePattern.test(CalleeNumber)) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: Callee Number "${CalleeNumber}" must be '+' then the country code and number, digits only`,
				{ itemIndex },
			);
		}
		const response = await airudderApiRequest.call(this, ENDPOINTS.cancelCall, {
			body: { TaskID, CalleeNumber },
			itemIndex,
		});
		return { TaskID, CalleeNumber, cancelled: true, response } as IDataObject;
	});
}

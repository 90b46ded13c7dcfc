import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderApiRequest } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import { forOperation, perItem, requiredString } from '../../shared/operations';
import { taskIdProperty } from './taskId';

/**
 * Task → Stop: "Cancel a Calling Task" (停止一个呼叫任务), `POST /service/cloud/operation` with
 * `{Action: 'Stop', TaskID}` (body from a third-party client; other Action values are unknown).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('task', 'stop', [taskIdProperty]);

/** @returns one item per input item: `{ TaskID, stopped: true, response }`. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await perItem.call(this, items, async (itemIndex) => {
		const TaskID = requiredString.call(this, 'taskId', 'Task ID', itemIndex);
		const response = await airudderApiRequest.call(this, ENDPOINTS.stopTask, {
			body: { Action: 'Stop', TaskID },
			itemIndex,
		});
		return { TaskID, stopped: true, response } as IDataObject;
	});
}

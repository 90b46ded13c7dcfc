import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderApiRequest, CREDENTIAL_TYPE } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	forOperation,
	perItemConcurrent,
	readConcurrency,
	requiredString,
} from '../../shared/operations';
import { taskIdProperty } from './taskId';

/**
 * Task → Get: "Obtain the Detailed Information of Tasks", `GET /service/cloud/detail?TaskID=`.
 * The answer's fields are not documented; `data` is returned as it is.
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('task', 'get', [taskIdProperty]);

/** @returns one item per input item: the task detail (`data` of the answer). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CREDENTIAL_TYPE);
	return await perItemConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const TaskID = requiredString.call(this, 'taskId', 'Task ID', itemIndex);
		const response = await airudderApiRequest.call(this, ENDPOINTS.getTaskDetail, {
			qs: { TaskID },
			itemIndex,
		});
		const data = response.data;
		return data && typeof data === 'object' && !Array.isArray(data)
			? (data as IDataObject)
			: { TaskID, data };
	});
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { airudderApiFetch, CREDENTIAL_TYPE } from '../../../transport/voice/request';
import { ENDPOINTS } from '../../../transport/voice/endpoints';
import {
	forOperation,
	perItemDataConcurrent,
	readConcurrency,
	requiredString,
} from '../../shared/operations';
import { taskIdProperty } from '../task/taskId';
import { downloadProperties } from '../../shared/download';
import { recordingItems } from './download';

/**
 * Recording → Get Task Recordings: "Obtain Task Recordings", `GET /service/cloud/recording?TaskID=`
 * (a public client calls it a zip of the task's recordings; link or file, both are handled).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('recording', 'getTaskRecordings', [
	taskIdProperty,
	...downloadProperties,
]);

/** @returns per input item: the answer (+ links) and, with Download on, the archive as binary. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CREDENTIAL_TYPE);
	return await perItemDataConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const query = { TaskID: requiredString.call(this, 'taskId', 'Task ID', itemIndex) };
		const answer = await airudderApiFetch.call(this, ENDPOINTS.getTaskRecordings, {
			qs: query,
			itemIndex,
		});
		return await recordingItems.call(
			this,
			itemIndex,
			query,
			answer,
			`${query.TaskID}-recordings.zip`,
		);
	});
}

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
 * Recording → Get Call Recording: "Obtain a Call Recording", `GET /service/cloud/case?TaskID=&Callee=`
 * (query from a third-party client; whether it answers with a link or the audio is not documented:
 * both are handled).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const description = forOperation('recording', 'getCallRecording', [
	taskIdProperty,
	{
		displayName: 'Callee',
		name: 'callee',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +6212341234',
		description: 'The number that was called',
	},
	...downloadProperties,
]);

/** @returns per input item: the answer (+ links) and, with Download on, the audio as binary. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, CREDENTIAL_TYPE);
	return await perItemDataConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const query = {
			TaskID: requiredString.call(this, 'taskId', 'Task ID', itemIndex),
			Callee: requiredString.call(this, 'callee', 'Callee', itemIndex),
		};
		const answer = await airudderApiFetch.call(this, ENDPOINTS.getCallRecording, {
			qs: query,
			itemIndex,
		});
		return await recordingItems.call(
			this,
			itemIndex,
			query,
			answer,
			`${query.TaskID}-${query.Callee}.wav`,
		);
	});
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadFileName } from '../../../helpers/urls';
import { PDS_ENDPOINTS, PDS_CREDENTIAL_TYPE } from '../../../transport/pds/endpoints';
import { pdsDownload, pdsRequest } from '../../../transport/pds/request';
import {
	forOperation,
	perItemDataConcurrent,
	readConcurrency,
	requiredString,
} from '../../shared/operations';
import { downloadProperties } from '../../shared/download';

/**
 * Call → Get Recording (Predictive Dialer): `POST /service/callcenter/call/predict/case/recording`
 * `{callid}` → `body.link` (a WAV per the reference client) → with Download on, the file as binary,
 * streamed to n8n's binary store. PDS errors 10608-10612 and 10820 say why there is none.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsGetRecordingByCallId`).
 */
export const description = forOperation('call', 'getRecording', [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '={{ $json.callid }}',
		description: 'The callid of a call record or callback',
	},
	...downloadProperties,
]);

/** @returns per item `{callId, link, ...body}` and, with Download on, the recording as binary. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = await readConcurrency.call(this, PDS_CREDENTIAL_TYPE);
	return await perItemDataConcurrent.call(this, items, concurrency, async (itemIndex) => {
		const callId = requiredString.call(this, 'callId', 'Call ID', itemIndex);
		const body = (await pdsRequest.call(
			this,
			PDS_ENDPOINTS.getRecording,
			{ callid: callId },
			itemIndex,
		)) as IDataObject;
		const link = typeof body.link === 'string' ? body.link.trim() : '';
		const json: IDataObject = { ...body, callId, link };
		if (!(this.getNodeParameter('download', itemIndex, true) as boolean))
			return [{ json, pairedItem: { item: itemIndex } }];
		if (!/^https?:\/\//i.test(link)) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: AIRudder PDS answered no recording link for call ${callId}`,
				{ itemIndex, description: `Its answer: ${JSON.stringify(body).slice(0, 200)}` },
			);
		}
		const file = await pdsDownload.call(this, link, itemIndex);
		const key = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const fileName = downloadFileName(link, file.contentDisposition, `${callId}.wav`);
		const binary = await this.helpers.prepareBinaryData(
			file.stream,
			fileName,
			file.mimeType.split(';')[0],
		);
		return [{ json, binary: { [key]: binary }, pairedItem: { item: itemIndex } }];
	});
}

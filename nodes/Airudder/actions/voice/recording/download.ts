import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadFileName, findUrls } from '../../../helpers/urls';
import { airudderDownload } from '../../../transport/voice/download';
import { type AirudderFile } from '../../../transport/voice/request';

async function asBinary(
	this: IExecuteFunctions,
	file: AirudderFile,
	url: string,
	fallbackName: string,
) {
	const fileName = downloadFileName(url, file.contentDisposition, fallbackName);
	return await this.helpers.prepareBinaryData(file.stream, fileName, file.mimeType.split(';')[0]);
}

/**
 * Turns a recording answer into output items, paired to `itemIndex`:
 * - a file answer → one item `{ ...query }` with the file as binary;
 * - a JSON answer → with Download off one item (the envelope + `urls`), with Download on one item
 *   per link found, each with its file as binary and its own link as `urls: [link]` (a JSON answer
 *   without links gives one item). `data` stays as AIRudder sent it, except a `data` that is only
 *   the link (it is in `urls`).
 */
export async function recordingItems(
	this: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject,
	answer: { json: IDataObject } | { file: AirudderFile },
	fallbackName: string,
): Promise<INodeExecutionData[]> {
	const key = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const pairedItem = { item: itemIndex };
	if ('file' in answer) {
		return [
			{
				json: query,
				binary: { [key]: await asBinary.call(this, answer.file, '', fallbackName) },
				pairedItem,
			},
		];
	}
	const { data, ...envelope } = answer.json;
	const urls = findUrls(data);
	// A `data` that is just the link is shown once, in `urls`.
	const linkOnly = typeof data === 'string' && urls.length === 1;
	const json = { ...query, ...envelope, ...(linkOnly ? {} : { data }), urls };
	if (!(this.getNodeParameter('download', itemIndex, true) as boolean) || urls.length === 0)
		return [{ json, pairedItem }];
	const items: INodeExecutionData[] = [];
	for (const url of urls) {
		const file = await airudderDownload.call(this, url, itemIndex);
		items.push({
			json: { ...json, urls: [url] },
			binary: { [key]: await asBinary.call(this, file, url, fallbackName) },
			pairedItem,
		});
	}
	return items;
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, forOperation, requiredString } from '../../shared/operations';
import { checkItems, inInputOrder, qaTaskIdProperty } from '../common';
import {
	itemRecording,
	maxRequestBytes,
	maxRequestProperty,
	packRecordings,
	recordingJson,
	recordingProperties,
	uploadRecordings,
	type ItemRecording,
} from './recordings';

/**
 * Recording → Upload (QA): `POST <Base URL>/task/recording` `{TaskID, RecordingDetails:
 * [{RecordingID, RecordingName, Recordingfile}]}`, each file whole as standard base64 inside the
 * JSON (no multipart, no link), streamed from n8n's binary data. Success `status: 'OK'`.
 * No AIRudder doc page: fields and encoding are a production client's (juloserver
 * collops_qa_automation, upload_recording_file_to_airudder).
 */
export const description = forOperation('recording', 'upload', [
	qaTaskIdProperty,
	...recordingProperties,
	maxRequestProperty,
]);

/**
 * Checks every item first (Task ID, binary field, ID and name: nothing is sent when one is bad;
 * with Continue On Fail a bad item gets its error and the others go on),
 * then per task packs its items into requests up to Max Request Size (input order; a larger
 * recording alone) and sends them one after the other, never retried.
 * @returns per item `{TaskID, RecordingID, RecordingName, bytes, request, requests, status, code}`
 *   (`request` = which of the task's `requests` carried it, from 1); with Continue On Fail the
 *   items of a failed request get `error` instead, and the other requests are still sent.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { valid, rejected } = await checkItems(this, items.length, async (itemIndex) => ({
		taskId: requiredString.call(this, 'taskId', 'Task ID', itemIndex),
		recording: await itemRecording.call(this, itemIndex),
	}));
	const byTask = new Map<string, ItemRecording[]>();
	for (const { taskId, recording } of valid.values())
		byTask.set(taskId, [...(byTask.get(taskId) ?? []), recording]);
	const output: INodeExecutionData[] = [...rejected.values()];
	const done: string[] = [];
	for (const [TaskID, recordings] of byTask) {
		const requests = packRecordings(
			recordings,
			maxRequestBytes.call(this, recordings[0].itemIndex),
		);
		for (const [index, batch] of requests.entries()) {
			const where: IDataObject = { TaskID, request: index + 1, requests: requests.length };
			let answer: IDataObject;
			try {
				answer = await uploadRecordings.call(this, TaskID, batch);
			} catch (caught) {
				const error = asNodeError.call(this, caught, batch[0].itemIndex);
				if (!this.continueOnFail()) {
					if (done.length)
						error.description =
							`${error.description ?? ''} Already uploaded (not to send again): ${done.join('; ')}.`.trim();
					throw error;
				}
				answer = { error: error.message };
			}
			if (!answer.error)
				done.push(`task ${TaskID} items ${batch.map((r) => r.itemIndex).join(', ')}`);
			for (const recording of batch)
				output.push({
					json: { ...where, ...recordingJson(recording), ...answer },
					pairedItem: { item: recording.itemIndex },
				});
		}
	}
	return inInputOrder(output);
}

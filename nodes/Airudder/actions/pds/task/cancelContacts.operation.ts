import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pdsPhoneProblem } from '../rules';
import { PDS_ENDPOINTS } from '../../../transport/pds/endpoints';
import { pdsRequest } from '../../../transport/pds/request';
import { asNodeError, forOperation, requiredString } from '../../shared/operations';
import { pdsInputError, pdsTaskIdProperty } from '../common';

/**
 * Task → Cancel Contacts (Predictive Dialer): `POST /service/callcenter/call/predict/canceltaskcontacts`
 * `{TaskID, contactList}` (capital `TaskID` here): removes numbers from a task's calling queue.
 * Each input item names one number (and its task); one request per task.
 * Source: no AIRudder doc page; the request as a production client sends it (`pdsCancelTaskContacts`).
 */
export const description = forOperation('task', 'cancelContacts', [
	{ ...pdsTaskIdProperty, default: '={{ $json.taskId }}' },
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '={{ $json.phonenumber }}',
		description: 'The number to take off the queue, E.164 with + (one per item)',
	},
]);

/**
 * Validates every number first (nothing is sent when one is bad; with Settings → On Error →
 * Continue, a bad item becomes `{ error }` on its own item and the others are sent), then sends
 * one request per task with the numbers of its items. Never retried.
 * @returns per item `{taskId, phoneNumber, cancelled}`: `cancelled` says whether AIRudder's answer
 *   (the numbers actually cancelled) lists the number.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const byTask = new Map<string, Array<{ itemIndex: number; phoneNumber: string }>>();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const taskId = requiredString.call(this, 'taskId', 'Task ID', itemIndex);
			const phoneNumber = requiredString
				.call(this, 'phoneNumber', 'Phone Number', itemIndex)
				.replace(/[\s-]/g, '');
			const problem = pdsPhoneProblem('contactList[]', phoneNumber);
			if (problem) throw pdsInputError.call(this, problem, itemIndex);
			byTask.set(taskId, [...(byTask.get(taskId) ?? []), { itemIndex, phoneNumber }]);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError.call(this, error, itemIndex);
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	for (const [taskId, entries] of byTask) {
		let cancelled: Set<string>;
		try {
			const body = await pdsRequest.call(
				this,
				PDS_ENDPOINTS.cancelTaskContacts,
				{ TaskID: taskId, contactList: [...new Set(entries.map((e) => e.phoneNumber))] },
				entries[0].itemIndex,
			);
			cancelled = new Set((Array.isArray(body) ? body : []).map(String));
		} catch (caught) {
			const error = asNodeError.call(this, caught, entries[0].itemIndex);
			if (!this.continueOnFail()) throw error;
			for (const { itemIndex, phoneNumber } of entries)
				output.push({
					json: { taskId, phoneNumber, error: error.message },
					pairedItem: { item: itemIndex },
				});
			continue;
		}
		for (const { itemIndex, phoneNumber } of entries) {
			output.push({
				json: { taskId, phoneNumber, cancelled: cancelled.has(phoneNumber) } as IDataObject,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output.sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);
}

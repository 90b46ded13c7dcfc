import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, requiredString } from '../../shared/operations';
import { checkItems, inInputOrder, qaTaskAction } from '../common';

/**
 * Task → Start / Task → Cancel: `PUT <Base URL>/task` `{TaskID, Action}`. Items that name the same
 * task share one request (after an upload every item carries the task's ID): each task is started
 * or cancelled once, and each of its items gets the answer. Every Task ID is checked before
 * anything is sent; requests go one after the other, never retried.
 * @returns per item `{TaskID, Action, status, code}`, or with Continue On Fail `{TaskID, Action, error}`.
 */
export async function runTaskAction(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	action: 'Start' | 'Cancel',
): Promise<INodeExecutionData[]> {
	const { valid, rejected } = await checkItems(this, items.length, (itemIndex) =>
		requiredString.call(this, 'taskId', 'Task ID', itemIndex),
	);
	const byTask = new Map<string, number[]>();
	for (const [itemIndex, taskId] of valid)
		byTask.set(taskId, [...(byTask.get(taskId) ?? []), itemIndex]);
	const output: INodeExecutionData[] = [...rejected.values()];
	for (const [TaskID, indexes] of byTask) {
		let json: IDataObject;
		try {
			json = {
				TaskID,
				Action: action,
				...(await qaTaskAction.call(this, TaskID, action, indexes[0])),
			};
		} catch (caught) {
			const error = asNodeError.call(this, caught, indexes[0]);
			if (!this.continueOnFail()) throw error;
			json = { TaskID, Action: action, error: error.message };
		}
		for (const itemIndex of indexes)
			output.push({ json: { ...json }, pairedItem: { item: itemIndex } });
	}
	return inInputOrder(output);
}

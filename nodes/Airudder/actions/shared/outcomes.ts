import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from './operations';

/**
 * A failure that concerns the whole list (a task-level setting, a request for all contacts): thrown
 * as a node error; with Settings → On Error → Continue it becomes `{ error }` on every input item
 * instead, each paired to its item, so that a workflow can branch on it (n8n itself would pass the
 * input items on unchanged, without any error marker).
 * @throws NodeApiError | NodeOperationError (`error` as a node error) unless "Continue On Fail".
 */
export function failEveryItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	error: unknown,
): INodeExecutionData[] {
	const nodeError = asNodeError.call(this, error, 0);
	if (!this.continueOnFail()) throw nodeError;
	return items.map((_, item) => ({ json: { error: nodeError.message }, pairedItem: { item } }));
}

/**
 * With Settings → On Error → Continue, a contact that was not sent because it was rejected (an
 * output item `{ rejected: true, rejection }` paired to its own input item, rejected by the node's
 * check or by AIRudder) is that item's own failure, as in every other operation: its item also gets
 * `error`, "Item <i>: contact rejected (<field>: <msg>)". Without it, or for items paired to several
 * inputs, the items are returned unchanged.
 */
export function rejectionsAsErrors(
	this: IExecuteFunctions,
	results: INodeExecutionData[],
): INodeExecutionData[] {
	if (!this.continueOnFail()) return results;
	return results.map((result) => {
		const { rejected, rejection, error } = result.json;
		const paired = result.pairedItem;
		if (rejected !== true || error !== undefined || paired === undefined || Array.isArray(paired))
			return result;
		const item = typeof paired === 'number' ? paired : paired.item;
		const first = (Array.isArray(rejection) ? rejection[0] : rejection) as IDataObject | undefined;
		const reason = first ? ` (${String(first.field)}: ${String(first.msg)})` : '';
		return {
			...result,
			json: { ...result.json, error: `Item ${item}: contact rejected${reason}` },
			pairedItem: paired,
		};
	});
}

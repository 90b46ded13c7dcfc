import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

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

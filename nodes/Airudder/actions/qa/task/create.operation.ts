import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forOperation, perItemData } from '../../shared/operations';
import { checkItems, createQaTask, qaTaskBody, qaTaskProperties } from '../common';

/**
 * Task → Create (QA): `POST <Base URL>/task` `{TaskName, Language, SOPModel}` → `data.TaskID`.
 * Creates an empty QA task; recordings are added with Recording → Upload and analysed after
 * Task → Start. One task per input item. No AIRudder doc page: the fields are those a production
 * client sends (juloserver collops_qa_automation, create_task).
 */
export const description = forOperation('task', 'create', qaTaskProperties);

/**
 * Every item's fields are checked first (nothing is sent when one is bad; with Continue On Fail a
 * bad item gets its error and the others go on), then one task is created per item, one after
 * the other (never retried).
 * @returns per item `{TaskID, TaskName, Language, SOPModel, status, code}`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { valid, rejected } = await checkItems(this, items.length, (itemIndex) =>
		qaTaskBody.call(this, itemIndex),
	);
	return await perItemData.call(this, items, async (itemIndex) => {
		const body = valid.get(itemIndex);
		if (!body) return [rejected.get(itemIndex) as INodeExecutionData];
		const answer = await createQaTask.call(this, body, itemIndex);
		return [{ json: { ...body, ...answer }, pairedItem: { item: itemIndex } }];
	});
}

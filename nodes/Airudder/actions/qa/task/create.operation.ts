import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forOperation, perItem } from '../../shared/operations';
import { createQaTask, qaTaskBody, qaTaskProperties } from '../common';

/**
 * Task → Create (QA): `POST <Base URL>/task` `{TaskName, Language, SOPModel}` → `data.TaskID`.
 * Creates an empty QA task; recordings are added with Recording → Upload and analysed after
 * Task → Start. One task per input item. No AIRudder doc page: the fields are those a production
 * client sends (juloserver collops_qa_automation, create_task).
 */
export const description = forOperation('task', 'create', qaTaskProperties);

/**
 * Every item's fields are checked first (nothing is sent when one is bad), then one task is
 * created per item, one after the other (never retried).
 * @returns per item `{TaskID, TaskName, Language, SOPModel, status, code}`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const bodies = items.map((_item, itemIndex) => qaTaskBody.call(this, itemIndex));
	return await perItem.call(this, items, async (itemIndex) => {
		const body = bodies[itemIndex];
		const created = await createQaTask.call(this, body, itemIndex);
		return { ...body, ...created };
	});
}

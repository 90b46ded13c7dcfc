import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forOperation } from '../../shared/operations';
import { qaTaskIdProperty } from '../common';
import { runTaskAction } from './action';

/**
 * Task → Cancel (QA): `PUT <Base URL>/task` `{TaskID, Action: 'Cancel'}`, success `status: 'OK'`.
 * The production client the reference comes from has this call but never uses it: what AIRudder
 * does with a started task's analysis on Cancel is unknown.
 */
export const description = forOperation('task', 'cancel', [qaTaskIdProperty]);

/** One request per distinct Task ID; see {@link runTaskAction}. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runTaskAction.call(this, items, 'Cancel');
}

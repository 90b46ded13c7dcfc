import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forOperation } from '../../shared/operations';
import { qaTaskIdProperty } from '../common';
import { runTaskAction } from './action';

/**
 * Task → Start (QA): `PUT <Base URL>/task` `{TaskID, Action: 'Start'}`, success `status: 'OK'`.
 * Starts the analysis of the recordings uploaded into the task; AIRudder later POSTs the report
 * (TaskID, Sign, QADetail) to the callback URL configured for the account (receive it with the
 * AIRudder Trigger). A production client always starts after uploading; whether AIRudder
 * analyses an unstarted task is unknown (inferred: Start is required).
 */
export const description = forOperation('task', 'start', [qaTaskIdProperty]);

/** One request per distinct Task ID; see {@link runTaskAction}. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runTaskAction.call(this, items, 'Start');
}

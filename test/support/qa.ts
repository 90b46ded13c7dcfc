import type { IDataObject } from 'n8n-workflow';

import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { qaSign } from '../../nodes/Airudder/trigger/verifyQaSign';
import { exampleOf } from '../../sandbox/callback-examples';

/**
 * The reference's QA report callback (the production client's fixture) for another TaskID, with
 * channel 2's Negative score set to `negative2` (e.g. `"3/4"`), signed with `key` as AIRudder signs.
 */
export function signedQaReport(taskId: string, negative2: string, key = 'airudder'): IDataObject {
	const body = exampleOf(QA_REPORT_EVENT)!;
	const [entry] = body.QADetail as IDataObject[];
	entry.Scores = (entry.Scores as IDataObject[]).map((score) =>
		score.CheckPointType === 'Negative' && score.Channel === '2'
			? { ...score, Score: negative2 }
			: score,
	);
	return { ...body, TaskID: taskId, Sign: qaSign(taskId, key) };
}

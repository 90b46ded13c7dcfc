import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeRejected, itemRange, rejectedCount, type Batch } from './outcomes';

/** Rejected contacts named in an error message / its description. */
const NAMED_IN_MESSAGE = 5;
const NAMED_IN_DESCRIPTION = 100;

const CONTINUE_HINT =
	'With Settings → On Error → Continue (regular output), the node outputs one item per contact instead of failing';

/**
 * All or Nothing (Perform 3) refused: some contacts of the list are invalid (found by the node or
 * by AIRudder), so no task was created. Names the rejected items (the first 5 in the message, up
 * to 100 in the description).
 */
export function refusalError(node: INode, batches: Batch[]): NodeOperationError {
	const total = batches.reduce((sum, batch) => sum + batch.contacts.length, 0);
	const count = rejectedCount(batches);
	const named = describeRejected(batches, NAMED_IN_DESCRIPTION);
	const more = (shown: number) => (count > shown ? `, and ${count - shown} more` : '');
	const first = named.slice(0, NAMED_IN_MESSAGE);
	const itemIndex = batches
		.flatMap((batch) => batch.contacts)
		.find((entry) => entry.rejections.length > 0)?.itemIndex;
	return new NodeOperationError(
		node,
		`No task created (All or Nothing): ${count} of ${total} contacts are invalid: ${first.join(', ')}${more(first.length)}`,
		{
			itemIndex,
			description: `Invalid contacts: ${named.join('; ')}${more(named.length)}. Fix them (or choose Invalid Contacts → Skip and Report Them) and run again. ${CONTINUE_HINT}, each with its rejection.`,
		},
	);
}

/**
 * A creation failed after earlier tasks of the same split list were created: names the tasks that
 * exist (TaskID, items), the one that failed and why, the ones never sent, and what to do.
 * `uncertain`: the failed request got no clear answer, so its task may exist too.
 */
export function partialCreateError(
	node: INode,
	batches: Batch[],
	failed: Batch,
	cause: Error,
	uncertain: boolean,
): NodeOperationError {
	const created = batches.filter((batch) => batch.taskId !== undefined);
	const notSent = batches.filter((batch) => batch.taskId === undefined && batch !== failed);
	const exist = created
		.map((batch) => `"${batch.name}" (TaskID ${batch.taskId}, ${itemRange(batch)})`)
		.join(', ');
	const failedText = uncertain
		? `"${failed.name}" (${itemRange(failed)}) got no clear answer and may or may not exist (look for it with Task → Get Many)`
		: `"${failed.name}" (${itemRange(failed)}) was not created`;
	const notSentText = notSent.length
		? ` Not sent: ${notSent.map((batch) => `"${batch.name}" (${itemRange(batch)})`).join(', ')}.`
		: '';
	return new NodeOperationError(
		node,
		`Only ${created.length} of ${batches.length} tasks created: ${exist} exist; creating "${failed.name}" failed: ${cause.message}`,
		{
			itemIndex: failed.contacts[0]?.itemIndex,
			description: `Tasks that exist: ${exist}. ${failedText}.${notSentText} Do not run the whole list again: the contacts of the existing tasks would be called twice. Send only the items that were not created, under a new Task Name (or stop the existing tasks with Task → Stop). ${CONTINUE_HINT}, with its TaskID or created: false.`,
		},
	);
}

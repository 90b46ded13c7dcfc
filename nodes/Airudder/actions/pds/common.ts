import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PdsProblem } from './rules';
import { formatAirudderTime, parseDateTime } from '../../helpers/time';

/** Properties and readers shared by the Predictive Dialer operations. */

export const pdsTaskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ={{ $json.taskId }}',
	description: 'The taskId of a predictive-dialer task (what Create Task and Copy Task return)',
};

/** Callback URL: a plain URL, base64-encoded by the node (createtask `callback`). */
export const pdsCallbackProperty: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callback',
	type: 'string',
	default: '',
	placeholder: 'e.g. the Production URL of an AIRudder Trigger',
	description:
		'Where AIRudder posts the TaskStatus, ContactStatus and AgentStatus callbacks of this task, as a plain URL (the node base64-encodes it, as the PDS expects). Empty: no callbacks.',
};

/** The error for a problem found before sending (no request is sent then). */
export function pdsInputError(
	this: IExecuteFunctions,
	problem: PdsProblem,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${problem.message}`, {
		itemIndex,
		description: `AIRudder field: ${problem.field}. AIRudder would refuse it with PDS error ${problem.code}.`,
	});
}

/**
 * Reads a dateTime parameter of an item as AIRudder's `YYYY-MM-DD HH:MM:SS` wall time in
 * `timeZone` (the account's). A zone-less value is read in the workflow's time zone.
 * @returns the AIRudder string, or '' when the parameter is empty and not `required`.
 * @throws NodeOperationError naming the item and field when it is not a date (or empty and required).
 */
export function pdsTimeParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	timeZone: string,
	required: boolean,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	if (!text) {
		if (!required) return '';
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${label} is required`, {
			itemIndex,
		});
	}
	const instant = parseDateTime(text, this.getTimezone());
	if (!instant) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: ${label} "${text}" is not a date and time`,
			{ itemIndex },
		);
	}
	return formatAirudderTime(instant, timeZone);
}

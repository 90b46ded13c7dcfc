import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PdsProblem } from './rules';
import { formatAirudderTime, parseDateTime } from '../../helpers/time';
import { accountTimeZone, accountTimeZoneProperty } from '../shared/timeZone';

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

/**
 * The Predictive Dialer's Account Time Zone field: the voice node's list, with NO default. The
 * reference gives no zone of its own (its one client sends Asia/Jakarta time), and a wrong zone
 * would move every call by hours, so the user picks it. `required` marks it in the editor.
 */
export function pdsAccountTimeZoneProperty(description: string, required = true): INodeProperties {
	return {
		...accountTimeZoneProperty,
		default: '',
		required,
		description: `${description}. No default: ask AIRudder which zone your account uses if unsure.`,
	};
}

/**
 * The IANA zone chosen in Account Time Zone (the workflow's zone for "Workflow's Time Zone").
 * @throws NodeOperationError naming the item when none is chosen (nothing is sent then).
 */
export function pdsAccountTimeZone(this: IExecuteFunctions, itemIndex: number): string {
	const choice = String(this.getNodeParameter('accountTimeZone', itemIndex, '') ?? '').trim();
	if (!choice) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: choose the Account Time Zone`,
			{
				itemIndex,
				description:
					"AIRudder reads the times as wall time in your account's zone; the node has no default because a wrong zone would move the calls by hours.",
			},
		);
	}
	return accountTimeZone.call(this, itemIndex);
}

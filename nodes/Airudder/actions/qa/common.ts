import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { QA_ENDPOINTS } from '../../transport/qa/endpoints';
import { qaRequest } from '../../transport/qa/request';
import {
	asNodeError,
	additionalBodyFields,
	additionalBodyFieldsProperty,
	requiredString,
} from '../shared/operations';

/** Fields and readers shared by the QA operations (Task → Create and Recording → Analyse). */

export const qaTaskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '={{ $json.TaskID }}',
	description: 'The TaskID of a QA task (what Task → Create answers)',
};

/** The value the production client sends: 'id_BA' (Indonesian, inferred). */
const LANGUAGES = [{ name: 'Id_BA (Seen in Use; Indonesian, Inferred)', value: 'id_BA' }];
/** The value the production client sends: '2' (an SOP template of its account, inferred). */
const SOP_MODELS = [{ name: '2 (Seen in Use)', value: '2' }];
const OTHER = { name: 'Other (Enter Below)', value: '__other' };

/** Task Name, Language, SOP Model (+ free-text values) and Additional Body Fields of `POST task`. */
export const qaTaskProperties: INodeProperties[] = [
	{
		displayName: 'Task Name',
		name: 'taskName',
		type: 'string',
		required: true,
		default: "=QA_{{ $now.toFormat('yyyyLLddHHmmss') }}",
		description:
			"Name of the QA task (TaskName). AIRudder's rules for it are unknown; a production client sends names like QA_TASKa1b2c30108153045123456 and reuses a name when it creates a task again, so duplicates are apparently accepted (inferred).",
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [...LANGUAGES, OTHER],
		default: 'id_BA',
		description:
			"ASR language of the recordings (Language). Only 'id_BA' has been seen (its meaning, Indonesian, is inferred); AIRudder publishes no list, so any other code can be entered below.",
	},
	{
		displayName: 'Language Code',
		name: 'languageOther',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. id_BA',
		description: 'The Language value to send, as AIRudder gave it to you',
		displayOptions: { show: { language: ['__other'] } },
	},
	{
		displayName: 'SOP Model',
		name: 'sopModel',
		type: 'options',
		options: [...SOP_MODELS, OTHER],
		default: '2',
		description:
			"The script-compliance (SOP) model to score against (SOPModel, sent as a string). Only '2' has been seen; its meaning (presumably an SOP template of the account) is inferred, so ask AIRudder which models your account has and enter another below.",
	},
	{
		displayName: 'SOP Model Value',
		name: 'sopModelOther',
		type: 'string',
		required: true,
		default: '',
		description: 'The SOPModel value to send (a string)',
		displayOptions: { show: { sopModel: ['__other'] } },
	},
	{
		...additionalBodyFieldsProperty,
		description:
			'More fields for the task (POST task), as a JSON object. AIRudder documents no QA API: only TaskName, Language and SOPModel are known.',
	},
];

/** The `POST task` body of an item. @throws NodeOperationError naming the item and field. */
export function qaTaskBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const choice = (name: string, other: string, label: string) => {
		const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
		return value === '__other' ? requiredString.call(this, other, label, itemIndex) : value;
	};
	const body: IDataObject = {
		...additionalBodyFields.call(this, itemIndex),
		TaskName: requiredString.call(this, 'taskName', 'Task Name', itemIndex),
		Language: choice('language', 'languageOther', 'Language Code'),
		SOPModel: choice('sopModel', 'sopModelOther', 'SOP Model Value'),
	};
	for (const [field, label] of [
		['Language', 'Language'],
		['SOPModel', 'SOP Model'],
	]) {
		if (!body[field])
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${label} is required`, {
				itemIndex,
			});
	}
	return body;
}

/**
 * Creates one QA task (`POST task`).
 * @returns its TaskID and the fields sent.
 * @throws NodeApiError naming the item when AIRudder answers no TaskID or another status than OK.
 */
export async function createQaTask(
	this: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<{ TaskID: string; status: string; code?: number }> {
	const answer = await qaRequest.call(this, QA_ENDPOINTS.createTask, body, itemIndex);
	const taskId = answer.data.TaskID;
	if ((typeof taskId !== 'string' && typeof taskId !== 'number') || String(taskId) === '') {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: AIRudder QA created no task: its answer to POST task has no data.TaskID`,
			{ itemIndex, description: `Answer data: ${JSON.stringify(answer.data).slice(0, 200)}` },
		);
	}
	return { TaskID: String(taskId), status: answer.status, code: answer.code };
}

/** Sends `PUT task {TaskID, Action}` (Start or Cancel). @returns the answer's status and code. */
export async function qaTaskAction(
	this: IExecuteFunctions,
	taskId: string,
	action: 'Start' | 'Cancel',
	itemIndex: number,
): Promise<{ status: string; code?: number }> {
	const answer = await qaRequest.call(
		this,
		QA_ENDPOINTS.taskAction,
		{ TaskID: taskId, Action: action },
		itemIndex,
	);
	return { status: answer.status, code: answer.code };
}

/**
 * Reads and checks every item before anything is sent. Without Continue On Fail the first bad
 * item's error is thrown (naming the item and field); with it, each bad item gets its own error
 * output item (paired) and the others go on.
 * @returns the good items' values and the bad items' error output items, by item index.
 */
export async function checkItems<T>(
	ctx: IExecuteFunctions,
	count: number,
	read: (itemIndex: number) => T | Promise<T>,
): Promise<{ valid: Map<number, T>; rejected: Map<number, INodeExecutionData> }> {
	const valid = new Map<number, T>();
	const rejected = new Map<number, INodeExecutionData>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			valid.set(itemIndex, await read(itemIndex));
		} catch (caught) {
			const error = asNodeError.call(ctx, caught, itemIndex);
			if (!ctx.continueOnFail()) throw error;
			rejected.set(itemIndex, { json: { error: error.message }, pairedItem: { item: itemIndex } });
		}
	}
	return { valid, rejected };
}

/** Output items in input order (by their pairedItem). */
export const inInputOrder = (output: INodeExecutionData[]): INodeExecutionData[] =>
	output.sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);

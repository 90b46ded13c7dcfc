import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, forOperation } from '../../shared/operations';
import {
	checkItems,
	createQaTask,
	inInputOrder,
	qaTaskAction,
	qaTaskBody,
	qaTaskProperties,
} from '../common';
import {
	itemRecording,
	maxRequestBytes,
	maxRequestProperty,
	packRecordings,
	recordingJson,
	recordingProperties,
	uploadRecordings,
	type ItemRecording,
} from './recordings';

/**
 * Recording → Analyse (QA, "Analyse Recordings"): Task → Create, Recording → Upload and Task →
 * Start in one step, the sequence a production client runs for each recording (juloserver
 * collops_qa_automation, upload_recording_file_to_airudder_task). AIRudder later POSTs the report
 * (TaskID, Sign, QADetail) to the account's callback URL: the AIRudder Trigger receives it, and
 * every output item carries the TaskID to match it with.
 */
export const description = forOperation('recording', 'analyse', [
	{
		displayName: 'Tasks',
		name: 'taskPer',
		type: 'options',
		options: [
			{
				name: 'One Task per Recording',
				value: 'item',
				description:
					'Each item gets its own task (create, upload, start), as the production client does: the report of a task is then about exactly one recording',
			},
			{
				name: 'One Task for All Recordings',
				value: 'all',
				description:
					"One task (named from the first item), the recordings uploaded up to Max Request Size per request, started once. The report then has one QADetail entry per recording; matching them relies on Recordingid, seen only in a client's test data (inferred).",
			},
		],
		default: 'item',
	},
	...qaTaskProperties,
	...recordingProperties,
	{ ...maxRequestProperty, displayOptions: { show: { taskPer: ['all'] } } },
]);

/** The error of a step after the task exists: says what exists and what to do with it. */
function stepError(
	ctx: IExecuteFunctions,
	caught: unknown,
	itemIndex: number,
	taskId: string,
	step: 'upload' | 'start',
): NodeOperationError {
	const cause = asNodeError.call(ctx, caught, itemIndex);
	const reason = cause.message.replace(/^Item \d+: /, '');
	const exists =
		step === 'upload'
			? `task ${taskId} was created but the recording was not uploaded`
			: `task ${taskId} was created and the recording uploaded, but Start failed`;
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${exists}: ${reason}`, {
		itemIndex,
		description:
			`${cause.description ?? ''} The task exists at AIRudder: run Task → Start or Task → Cancel with its TaskID instead of analysing the recording again.`.trim(),
	});
}

/** One task per item: create, upload, start; each item on its own (Continue On Fail per item). */
async function perRecording(
	this: IExecuteFunctions,
	bodies: IDataObject[],
	recordings: ItemRecording[],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const recording of recordings) {
		const { itemIndex } = recording;
		const json: IDataObject = { TaskName: bodies[itemIndex].TaskName, ...recordingJson(recording) };
		try {
			const { TaskID } = await createQaTask.call(this, bodies[itemIndex], itemIndex);
			json.TaskID = TaskID;
			try {
				await uploadRecordings.call(this, TaskID, [recording]);
				json.uploaded = true;
				Object.assign(json, await qaTaskAction.call(this, TaskID, 'Start', itemIndex));
				json.started = true;
			} catch (caught) {
				throw stepError(this, caught, itemIndex, TaskID, json.uploaded ? 'start' : 'upload');
			}
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			json.error = error.message;
		}
		output.push({ json, pairedItem: { item: itemIndex } });
	}
	return output;
}

/** One task for all items: create once, upload in requests up to Max Request Size, start once. */
async function oneTask(
	this: IExecuteFunctions,
	body: IDataObject,
	recordings: ItemRecording[],
): Promise<INodeExecutionData[]> {
	const { TaskID } = await createQaTask.call(this, body, 0);
	const results = new Map<number, IDataObject>();
	const requests = packRecordings(recordings, maxRequestBytes.call(this, 0));
	for (const [index, batch] of requests.entries()) {
		let answer: IDataObject = { uploaded: true, request: index + 1, requests: requests.length };
		try {
			await uploadRecordings.call(this, TaskID, batch);
		} catch (caught) {
			const error = stepError(this, caught, batch[0].itemIndex, TaskID, 'upload');
			if (!this.continueOnFail()) throw error;
			answer = { uploaded: false, error: error.message };
		}
		for (const recording of batch) results.set(recording.itemIndex, answer);
	}
	const uploaded = [...results.values()].some((answer) => answer.uploaded);
	let started: IDataObject = { started: false };
	if (uploaded) {
		try {
			started = { started: true, ...(await qaTaskAction.call(this, TaskID, 'Start', 0)) };
		} catch (caught) {
			const error = stepError(this, caught, 0, TaskID, 'start');
			if (!this.continueOnFail()) throw error;
			started = { started: false, error: error.message };
		}
	}
	return recordings.map((recording) => {
		const answer = results.get(recording.itemIndex) ?? {};
		return {
			json: {
				TaskID,
				TaskName: body.TaskName,
				...recordingJson(recording),
				...answer,
				...(answer.uploaded ? started : { started: false }),
			},
			pairedItem: { item: recording.itemIndex },
		};
	});
}

/**
 * Checks every item first (task fields, binary field, recording ID and name; nothing is sent when
 * one is bad; with Continue On Fail a bad item gets its error and the others go on), then analyses
 * per Tasks. Nothing is retried (the production client's own retry,
 * which creates and uploads again when Start fails, would analyse a recording twice).
 * @returns per item `{TaskID, TaskName, RecordingID, RecordingName, bytes, uploaded, started, status,
 *   code}`; a failed step after the task exists names the TaskID (error, or `error` with Continue On
 *   Fail) so that it can be started or cancelled instead of created again.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('taskPer', 0, 'item') as string;
	const { valid, rejected } = await checkItems(this, items.length, async (itemIndex) => ({
		body: mode === 'item' || itemIndex === 0 ? qaTaskBody.call(this, itemIndex) : undefined,
		recording: await itemRecording.call(this, itemIndex),
	}));
	const recordings = [...valid.values()].map((checked) => checked.recording);
	const bodies: IDataObject[] = [];
	for (const [itemIndex, checked] of valid) if (checked.body) bodies[itemIndex] = checked.body;
	let output: INodeExecutionData[] = [];
	if (mode !== 'all') output = await perRecording.call(this, bodies, recordings);
	else if (recordings.length) {
		// the task's fields come from the first item; a bad first item stops the one-task mode
		const first = valid.get(0)?.body;
		if (!first) throw asNodeError.call(this, new Error(String(rejected.get(0)?.json.error)), 0);
		try {
			output = await oneTask.call(this, first, recordings);
		} catch (caught) {
			// the task could not be created: with Continue On Fail every item gets the error
			const error = asNodeError.call(this, caught, 0);
			if (!this.continueOnFail()) throw error;
			output = recordings.map((recording) => ({
				json: { ...recordingJson(recording), error: error.message },
				pairedItem: { item: recording.itemIndex },
			}));
		}
	}
	return inInputOrder([...output, ...rejected.values()]);
}

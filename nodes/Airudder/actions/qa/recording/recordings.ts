import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { QA_ENDPOINTS } from '../../../transport/qa/endpoints';
import { qaRequest } from '../../../transport/qa/request';
import { base64Length, uploadBody, type UploadRecording } from '../../../transport/qa/uploadBody';

/** Recordings as the QA node reads them from input items, and how they are packed into uploads. */

/** Default of "Max Request Size (MB)": the JSON body of one upload, base64 included. */
const DEFAULT_MAX_REQUEST_MB = 10;
const MB = 1024 * 1024;

/** Binary Property, Recording ID, Recording Name. */
export const recordingProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the binary field that holds the recording (one recording per item)',
		description:
			"Each input item is one recording: the file in this binary field (WAV in the one known production use) is sent whole, base64-encoded, as AIRudder's QA API takes it. Any node that outputs a file works (Predictive Dialer → Call → Get Recording, AIRudder → Recording, Read Binary File, S3, ...).",
	},
	{
		displayName: 'Recording ID',
		name: 'recordingId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.callid }}',
		description:
			"Your ID of the recording (RecordingID), e.g. a call ID. Empty: the file name without its extension (12336.wav → 12336). An ID of digits only is sent as a JSON number, as the production client sends its IDs; any other as a string (the reference allows both). AIRudder's report may echo it as Recordingid (seen only in test data).",
	},
	{
		displayName: 'Recording Name',
		name: 'recordingName',
		type: 'string',
		default: '',
		description:
			"The file name sent with the recording (RecordingName). Empty: the binary file's own name. Whether AIRudder reads the format from its extension is unknown, so keep the extension (.wav).",
	},
];

/** Max Request Size (MB): how uploads are split. */
export const maxRequestProperty: INodeProperties = {
	displayName: 'Max Request Size (MB)',
	name: 'maxRequestMb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_REQUEST_MB,
	description:
		'Recordings of the same task go into one upload request (RecordingDetails) while the request stays under this size, counted as sent: base64 makes a file 4/3 as large (a 7.5 MB WAV fills 10 MB). A larger request is split in input order; a recording that alone exceeds the size is sent on its own, never cut. AIRudder publishes no limit (the production client sends one recording per request): lower this if AIRudder refuses large requests.',
};

/** One item's recording, checked and ready to send. */
export interface ItemRecording extends UploadRecording {
	itemIndex: number;
}

const error = (ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string) =>
	new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, {
		itemIndex,
		description,
	});

/** Size in bytes of n8n's in-memory binary (standard base64 in `data`). */
function inlineBytes(binary: IBinaryData): number {
	const data = binary.data ?? '';
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return (data.length / 4) * 3 - padding;
}

/**
 * Reads an item's recording: its binary field (in n8n's memory or filesystem/S3 binary storage),
 * RecordingID and RecordingName. Nothing is read of the file yet (it is streamed when sent).
 * @throws NodeOperationError naming the item and field when the binary field is missing or empty,
 *   or no ID / name can be found.
 */
export async function itemRecording(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<ItemRecording> {
	const key = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const binary = this.getInputData()[itemIndex]?.binary?.[key];
	if (!binary) {
		const has = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
		throw error(
			this,
			itemIndex,
			`no binary field "${key}" to upload (Input Binary Field)`,
			has.length
				? `The item has the binary field(s) ${has.join(', ')}: set Input Binary Field to one of them.`
				: 'The item has no binary data: put a node that outputs the recording file before this one.',
		);
	}
	const id = binary.id;
	const bytes = id
		? Number((await this.helpers.getBinaryMetadata(id)).fileSize)
		: inlineBytes(binary);
	if (!(bytes > 0))
		throw error(this, itemIndex, `the binary field "${key}" is empty (Input Binary Field)`);
	const fileName = String(binary.fileName ?? '').trim();
	const name =
		String(this.getNodeParameter('recordingName', itemIndex, '') ?? '').trim() || fileName;
	if (!name)
		throw error(
			this,
			itemIndex,
			'Recording Name is required: the file has no name to take it from',
		);
	const idText =
		String(this.getNodeParameter('recordingId', itemIndex, '') ?? '').trim() ||
		name.replace(/\.[^.]*$/, '');
	if (!idText) throw error(this, itemIndex, 'Recording ID is required: the file name gives none');
	const RecordingID = /^\d{1,15}$/.test(idText) ? Number(idText) : idText;
	return {
		itemIndex,
		RecordingID,
		RecordingName: name,
		bytes,
		open: async () =>
			id
				? ((await this.helpers.getBinaryStream(id)) as AsyncIterable<Uint8Array>)
				: [Buffer.from(binary.data, 'base64')],
	};
}

/** Bytes one recording adds to an upload request (its base64 and its JSON fields). */
const requestShare = (recording: UploadRecording) =>
	base64Length(recording.bytes) +
	Buffer.byteLength(JSON.stringify(recording.RecordingID)) +
	Buffer.byteLength(JSON.stringify(recording.RecordingName)) +
	64;

/**
 * Packs recordings into upload requests in input order: a request takes the next recording while
 * its size (base64 + JSON) stays at most `maxBytes`; a recording above `maxBytes` goes alone.
 */
export function packRecordings<T extends UploadRecording>(
	recordings: T[],
	maxBytes: number,
): T[][] {
	const requests: T[][] = [];
	let size = 0;
	for (const recording of recordings) {
		const share = requestShare(recording);
		const last = requests[requests.length - 1];
		if (last && size + share <= maxBytes) {
			last.push(recording);
			size += share;
		} else {
			requests.push([recording]);
			size = share + 64;
		}
	}
	return requests;
}

/** The "Max Request Size (MB)" of an item, in bytes. */
export function maxRequestBytes(this: IExecuteFunctions, itemIndex: number): number {
	const mb = Number(this.getNodeParameter('maxRequestMb', itemIndex, DEFAULT_MAX_REQUEST_MB));
	return (mb > 0 ? mb : DEFAULT_MAX_REQUEST_MB) * MB;
}

/**
 * Uploads one request's recordings into a task (`POST task/recording`), the body streamed
 * (transport/qa/uploadBody.ts). Errors name the first item of the request.
 * @returns the answer's status and code.
 */
export async function uploadRecordings(
	this: IExecuteFunctions,
	taskId: string,
	recordings: ItemRecording[],
): Promise<IDataObject> {
	const answer = await qaRequest.call(
		this,
		QA_ENDPOINTS.uploadRecordings,
		uploadBody(taskId, recordings),
		recordings[0].itemIndex,
	);
	return { status: answer.status, code: answer.code };
}

/** An item's output fields for its recording. */
export const recordingJson = (recording: ItemRecording): IDataObject => ({
	RecordingID: recording.RecordingID,
	RecordingName: recording.RecordingName,
	bytes: recording.bytes,
});

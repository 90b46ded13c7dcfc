/**
 * The streamed JSON body of `POST task/recording`: `{TaskID, RecordingDetails: [{RecordingID,
 * RecordingName, Recordingfile}]}` with each file's base64 written while the file is read, so that
 * n8n never holds a recording (nor its base64) whole.
 *
 * How it reaches the wire: n8n's HTTP helper hands the body to axios as is, and axios sends a Blob
 * by reading its `stream()` (Content-Length = `size`, Content-Type = `type`). The body is an object
 * that presents itself as a Blob (`Symbol.toStringTag`), whose `stream()` reads the recordings
 * from the start each time it is called: when n8n refreshes the token after an HTTP 401 and sends
 * the request again, the second attempt reads the files again (a Node stream could not be sent
 * twice, and shipped community code may not import node:stream).
 */

/** One recording of the body: its JSON fields and its bytes, readable any number of times. */
export interface UploadRecording {
	RecordingID: string | number;
	RecordingName: string;
	/** Exact size in bytes (the body's Content-Length depends on it). */
	bytes: number;
	/** Opens the file from its first byte. */
	open(): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

/** What axios needs of a Blob to stream it. */
export interface StreamedBody {
	readonly [Symbol.toStringTag]: 'Blob';
	/** Bytes of the whole JSON body. */
	readonly size: number;
	readonly type: 'application/json';
	stream(): AsyncGenerator<Uint8Array>;
}

/** Characters of the standard base64 of `bytes` bytes (with `=` padding). */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** Standard base64 of a byte stream, written as it is read (3-byte groups; `=` padding at the end). */
async function* base64Of(
	source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	expected: number,
	name: string,
): AsyncGenerator<Uint8Array> {
	let carry = Buffer.alloc(0);
	let read = 0;
	for await (const chunk of source) {
		read += chunk.length;
		const data = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
		const cut = data.length - (data.length % 3);
		if (cut) yield Buffer.from(data.subarray(0, cut).toString('base64'), 'latin1');
		carry = Buffer.from(data.subarray(cut));
	}
	if (carry.length) yield Buffer.from(carry.toString('base64'), 'latin1');
	if (read !== expected)
		throw new Error(`The recording "${name}" had ${read} bytes, not the ${expected} announced`);
}

/**
 * The body of one upload request.
 * @param taskId `TaskID` of the task the recordings go into.
 * @param recordings in the order they are sent; their `bytes` must be exact.
 * @returns a Blob-like body of exactly `size` bytes; its `stream()` throws (aborting the request)
 *   when a file turns out longer or shorter than announced.
 */
export function uploadBody(taskId: string, recordings: UploadRecording[]): StreamedBody {
	// JSON text around each file's base64: `...,"Recordingfile":"` <base64> `"}`
	const before = recordings.map(
		(recording, i) =>
			`${i === 0 ? `{"TaskID":${JSON.stringify(taskId)},"RecordingDetails":[` : ','}{"RecordingID":${JSON.stringify(recording.RecordingID)},"RecordingName":${JSON.stringify(recording.RecordingName)},"Recordingfile":"`,
	);
	const after = '"}';
	const end = ']}';
	const size =
		recordings.reduce(
			(sum, recording, i) =>
				sum +
				Buffer.byteLength(before[i]) +
				base64Length(recording.bytes) +
				Buffer.byteLength(after),
			0,
		) + Buffer.byteLength(end);
	return {
		[Symbol.toStringTag]: 'Blob',
		size,
		type: 'application/json',
		async *stream() {
			for (const [i, recording] of recordings.entries()) {
				yield Buffer.from(before[i]);
				yield* base64Of(await recording.open(), recording.bytes, recording.RecordingName);
				yield Buffer.from(after);
			}
			yield Buffer.from(end);
		},
	};
}

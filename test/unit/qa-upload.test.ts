/**
 * The QA upload body (transport/qa/uploadBody.ts) and how recordings are packed into requests
 * (actions/qa/recording/recordings.ts): exact size, standard base64 written in pieces, readable
 * again from the start, and the packing rule of Max Request Size.
 */
import { packRecordings } from '../../nodes/Airudder/actions/qa/recording/recordings';
import {
	base64Length,
	uploadBody,
	type UploadRecording,
} from '../../nodes/Airudder/transport/qa/uploadBody';

/** A recording whose bytes arrive in chunks of `chunk` bytes. */
function recording(id: string | number, bytes: Buffer, chunk = 7): UploadRecording {
	return {
		RecordingID: id,
		RecordingName: `${String(id)}.wav`,
		bytes: bytes.length,
		open: async () =>
			(async function* () {
				for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
			})(),
	};
}

async function text(body: ReturnType<typeof uploadBody>): Promise<string> {
	const parts: Buffer[] = [];
	for await (const part of body.stream()) parts.push(Buffer.from(part));
	return Buffer.concat(parts).toString('utf8');
}

describe('QA upload body', () => {
	const files = [0, 1, 2, 3, 4, 5, 100, 1001].map((n) =>
		Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)),
	);

	test('is the JSON of the upload with each file as standard base64, of exactly the announced size', async () => {
		for (const chunk of [1, 2, 3, 7, 64]) {
			const body = uploadBody(
				'task "1"',
				files.map((file, i) => recording(i % 2 ? `id-${i}` : i, file, chunk)),
			);
			const json = await text(body);
			expect(Buffer.byteLength(json)).toBe(body.size);
			expect(JSON.parse(json)).toEqual({
				TaskID: 'task "1"',
				RecordingDetails: files.map((file, i) => ({
					RecordingID: i % 2 ? `id-${i}` : i,
					RecordingName: `${i % 2 ? `id-${i}` : i}.wav`,
					Recordingfile: file.toString('base64'),
				})),
			});
		}
		expect(base64Length(100)).toBe(Buffer.alloc(100).toString('base64').length);
	});

	test('presents itself as a Blob of type application/json and can be read again from the start', async () => {
		const body = uploadBody('t', [recording(1, files[7])]);
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		expect(body.type).toBe('application/json');
		expect(await text(body)).toBe(await text(body));
	});

	test('a file longer or shorter than announced aborts the body', async () => {
		const short = { ...recording(1, files[6]), bytes: 101 };
		await expect(text(uploadBody('t', [short]))).rejects.toThrow(
			'The recording "1.wav" had 100 bytes, not the 101 announced',
		);
	});
});

describe('packing recordings into upload requests', () => {
	const sized = (mb: number[]) =>
		mb.map((size, i) => ({
			...recording(i, Buffer.alloc(0)),
			bytes: Math.round(size * 1024 * 1024),
		}));
	const names = (requests: UploadRecording[][]) =>
		requests.map((request) => request.map((r) => r.RecordingID));

	test('fills a request in input order while its base64 stays within the limit', () => {
		// base64: 1.33, 1.33, 1.33, 4, 0.13 MB
		expect(names(packRecordings(sized([1, 1, 1, 3, 0.1]), 3 * 1024 * 1024))).toEqual([
			[0, 1],
			[2],
			[3],
			[4],
		]);
		expect(names(packRecordings(sized([1, 1, 1, 3, 0.1]), 10 * 1024 * 1024))).toEqual([
			[0, 1, 2, 3, 4],
		]);
	});

	test('a recording above the limit goes alone and is never cut', () => {
		expect(names(packRecordings(sized([0.1, 20, 0.1]), 1024 * 1024))).toEqual([[0], [1], [2]]);
	});
});

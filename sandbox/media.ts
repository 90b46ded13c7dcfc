import type { ServerResponse } from 'node:http';

import type { SandboxState } from './state';
import type { SandboxTask } from './types';

/**
 * Generated recordings served at `/__sandbox/media/<name>.wav` and `/__sandbox/media/<name>.zip`.
 * ILLUSTRATIVE: AIRudder's recording format/links are undocumented; the sandbox serves silence.
 * Nothing is buffered: a WAV header, then zero samples in 64 KiB chunks with back-pressure, so a
 * `?bytes=52428800` download proves that a client streams (the sandbox's memory stays flat).
 */

const CHUNK = Buffer.alloc(64 * 1024);
const WAV_HEADER_BYTES = 44;
/** Largest size a RIFF header can describe. */
const MAX_WAV_BYTES = 0xffffffff;
/** Size of each WAV inside a task zip (0.5 s of 8 kHz 16-bit mono). */
const ZIP_ENTRY_BYTES = WAV_HEADER_BYTES + 8000;

/** Link to one call's recording (what `/service/cloud/case` answers). */
export function callRecording(state: SandboxState, task: SandboxTask, callee: string): string {
	return `${state.baseUrl}/__sandbox/media/${task.TaskID}-${callee.replace(/\D/g, '')}.wav?bytes=${state.opts.recordingBytes}`;
}

/** Link to a task's recordings archive (what `/service/cloud/recording` answers). */
export function taskRecordings(state: SandboxState, task: SandboxTask): string {
	return `${state.baseUrl}/__sandbox/media/${task.TaskID}.zip`;
}

/** 44-byte PCM WAV header (8 kHz, 16-bit, mono) for a file of `totalBytes`. */
export function wavHeader(totalBytes: number): Buffer {
	const header = Buffer.alloc(WAV_HEADER_BYTES);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(totalBytes - 8, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(8000, 24); // sample rate
	header.writeUInt32LE(16000, 28); // byte rate
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(totalBytes - WAV_HEADER_BYTES, 40);
	return header;
}

/** Writes `chunk`, waiting for 'drain' when the socket buffer is full. @returns false once the client left. */
async function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
	if (res.destroyed) return false;
	if (res.write(chunk)) return true;
	await new Promise<void>((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
	return !res.destroyed;
}

async function writeZeros(res: ServerResponse, count: number): Promise<boolean> {
	for (let left = count; left > 0; left -= CHUNK.length) {
		if (!(await write(res, left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left)))) return false;
	}
	return true;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 (zip) of `data`. */
function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** 2025-01-01 00:00 in MS-DOS date format (time 0). */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

function zipHeader(
	kind: 'local' | 'central',
	name: Buffer,
	crc: number,
	size: number,
	offset: number,
): Buffer {
	const central = kind === 'central';
	const header = Buffer.alloc((central ? 46 : 30) + name.length);
	let at = header.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
	if (central) at = header.writeUInt16LE(20, at); // version made by
	at = header.writeUInt16LE(20, at); // version needed
	at = header.writeUInt16LE(0, at); // flags
	at = header.writeUInt16LE(0, at); // method: stored
	at = header.writeUInt16LE(0, at); // time
	at = header.writeUInt16LE(DOS_DATE, at);
	at = header.writeUInt32LE(crc, at);
	at = header.writeUInt32LE(size, at); // compressed
	at = header.writeUInt32LE(size, at); // uncompressed
	at = header.writeUInt16LE(name.length, at);
	at = header.writeUInt16LE(0, at); // extra
	if (central) {
		at = header.writeUInt16LE(0, at); // comment
		at = header.writeUInt16LE(0, at); // disk
		at = header.writeUInt16LE(0, at); // internal attributes
		at = header.writeUInt32LE(0, at); // external attributes
		at = header.writeUInt32LE(offset, at);
	}
	name.copy(header, at);
	return header;
}

/** Streams a stored (uncompressed) zip of identical silent WAVs named `names`. */
async function streamZip(res: ServerResponse, names: string[], fileName: string): Promise<void> {
	const wav = Buffer.concat([
		wavHeader(ZIP_ENTRY_BYTES),
		Buffer.alloc(ZIP_ENTRY_BYTES - WAV_HEADER_BYTES),
	]);
	const crc = crc32(wav);
	const encoded = names.map((name) => Buffer.from(name, 'ascii'));
	const offsets: number[] = [];
	let size = 0;
	for (const name of encoded) {
		offsets.push(size);
		size += 30 + name.length + wav.length;
	}
	const centralStart = size;
	const centralSize = encoded.reduce((sum, name) => sum + 46 + name.length, 0);
	res.writeHead(200, {
		'Content-Type': 'application/zip',
		'Content-Length': String(centralStart + centralSize + 22),
		'Content-Disposition': `attachment; filename="${fileName}"`,
	});
	for (const name of encoded) {
		if (
			!(await write(res, zipHeader('local', name, crc, wav.length, 0))) ||
			!(await write(res, wav))
		)
			return;
	}
	for (const [i, name] of encoded.entries()) {
		if (!(await write(res, zipHeader('central', name, crc, wav.length, offsets[i])))) return;
	}
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(encoded.length, 8);
	end.writeUInt16LE(encoded.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(centralStart, 16);
	res.end(end);
}

/**
 * `GET /__sandbox/media/<name>.wav[?bytes=N]`: a WAV of exactly N bytes (default
 * `opts.recordingBytes`, at least 44), streamed. `GET /__sandbox/media/<name>.zip`: for a TaskID,
 * one WAV per contact (`<index>-<digits>.wav`), else one `<name>.wav`.
 * @returns the HTTP status written.
 */
export async function serveMedia(
	state: SandboxState,
	res: ServerResponse,
	file: string,
	query: Record<string, string>,
): Promise<number> {
	const m = /^([A-Za-z0-9._-]+)\.(wav|zip)$/.exec(file);
	if (!m) {
		res
			.writeHead(404, { 'Content-Type': 'application/json' })
			.end(JSON.stringify({ message: `No media named ${file}` }));
		return 404;
	}
	const [, name, kind] = m;
	if (kind === 'zip') {
		const task = state.tasks.get(name);
		const names = task
			? task.calls.map((call, i) => `${i}-${call.Callee.replace(/\D/g, '')}.wav`)
			: [`${name}.wav`];
		await streamZip(res, names.length > 0 ? names : [`${name}.wav`], file);
		return 200;
	}
	const bytes = query.bytes === undefined ? state.opts.recordingBytes : Number(query.bytes);
	if (!/^\d*$/.test(query.bytes ?? '') || bytes < WAV_HEADER_BYTES || bytes > MAX_WAV_BYTES) {
		res
			.writeHead(400, { 'Content-Type': 'application/json' })
			.end(JSON.stringify({ message: 'bytes must be an integer from 44 to 4294967295' }));
		return 400;
	}
	res.writeHead(200, {
		'Content-Type': 'audio/wav',
		'Content-Length': String(bytes),
		'Content-Disposition': `attachment; filename="${file}"`,
	});
	if ((await write(res, wavHeader(bytes))) && (await writeZeros(res, bytes - WAV_HEADER_BYTES)))
		res.end();
	return 200;
}

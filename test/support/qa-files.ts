import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

/** Test helpers of the QA tests: WAV files and a receiver of the sandbox's QA reports. */

/** The 44-byte header of a 16-bit stereo 8 kHz PCM WAV whose data has `dataBytes` bytes. */
export function wavHeader(dataBytes: number): Buffer {
	const head = Buffer.alloc(44);
	head.write('RIFF', 0, 'latin1');
	head.writeUInt32LE(36 + dataBytes, 4);
	head.write('WAVEfmt ', 8, 'latin1');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20);
	head.writeUInt16LE(2, 22);
	head.writeUInt32LE(8000, 24);
	head.writeUInt32LE(32_000, 28);
	head.writeUInt16LE(4, 32);
	head.writeUInt16LE(16, 34);
	head.write('data', 36, 'latin1');
	head.writeUInt32LE(dataBytes, 40);
	return head;
}

/**
 * A WAV of `seconds` (32,000 bytes a second) whose samples come from `seed`: the same arithmetic
 * as the Code node of examples/qa-negative-words.json, so a test can check what it uploaded.
 */
export function exampleWav(seconds: number, seed: number): Buffer {
	const file = Buffer.concat([wavHeader(seconds * 32_000), Buffer.alloc(seconds * 32_000)]);
	for (let i = 44; i < file.length; i++) file[i] = (i * seed + (i >> 8)) & 0xff;
	return file;
}

/** A local HTTP receiver on 127.0.0.1: every JSON body posted to it, answered `status` `{}`. */
export async function jsonReceiver(status = 200): Promise<{
	url: string;
	bodies: IDataObject[];
	close(): Promise<void>;
}> {
	const bodies: IDataObject[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject);
			res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/qa-report`,
		bodies,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Resolves once `check()` holds; throws after `ms`. */
export async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

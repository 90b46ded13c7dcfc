import http from 'node:http';

import got from 'got';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Json } from '../support/json';

/** Scripted faults (retries, Retry-After, HTML / truncated answers, time-outs) and streamed media. */

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	const auth = await got.post(`${sandbox.url}/service/cloud/auth`, {
		json: { APPKey: 'sandbox-app-key', APPSecret: 'sandbox-app-secret' },
		responseType: 'json',
	});
	token = (auth.body as Json).data.token;
});

afterAll(async () => {
	await sandbox.close();
});

afterEach(() => sandbox.clearFaults());

const robots = (options: Json = {}) =>
	got(`${sandbox.url}/service/cloud/robot`, {
		headers: { Authorization: `Token ${token}` },
		throwHttpErrors: false,
		retry: 0,
		...options,
	});

describe('faults', () => {
	it('answers the next N matching requests with the fault, then normally again', async () => {
		sandbox.setFault({
			path: '/service/cloud/robot',
			times: 2,
			status: 503,
			body: '',
			headers: { 'Retry-After': '1' },
		});
		sandbox.clearRequests();
		for (let i = 0; i < 2; i++) {
			const answer = await robots();
			expect(answer.statusCode).toBe(503);
			expect(answer.headers['retry-after']).toBe('1');
		}
		expect((await robots()).statusCode).toBe(200);
		expect(sandbox.requests.map((r) => [r.status, r.fault ?? false])).toEqual([
			[503, true],
			[503, true],
			[200, false],
		]);
	});

	it('matches on method and on a path prefix ending in *', async () => {
		sandbox.setFault({ method: 'POST', path: '/service/cloud/*', status: 500 });
		expect((await robots()).statusCode).toBe(200); // GET: not matched
		const post = await got.post(`${sandbox.url}/service/cloud/operation`, {
			headers: { Authorization: `Token ${token}` },
			json: {},
			throwHttpErrors: false,
			retry: 0,
		});
		expect(post.statusCode).toBe(500);
	});

	it('can answer an HTML page with HTTP 200', async () => {
		sandbox.setFault({
			path: '/service/cloud/robot',
			body: '<html><body>Bad Gateway</body></html>',
			contentType: 'text/html',
		});
		const answer = await robots();
		expect(answer.statusCode).toBe(200);
		expect(answer.headers['content-type']).toBe('text/html');
		expect(answer.body).toContain('<html>');
	});

	it('can send truncated JSON and drop the connection', async () => {
		sandbox.setFault({ path: '/service/cloud/robot', body: '{"data":[{"RobotID":', destroy: true });
		await expect(robots()).rejects.toThrow();
	});

	it('can drop the socket without answering', async () => {
		sandbox.setFault({ path: '/service/cloud/robot', destroy: true });
		await expect(robots()).rejects.toThrow();
		expect(sandbox.requests[sandbox.requests.length - 1]).toMatchObject({ status: 0, fault: true });
	});

	it('can delay an answer past a client time-out, and delay-only faults still answer normally', async () => {
		sandbox.setFault({ path: '/service/cloud/robot', delayMs: 1000 });
		await expect(robots({ timeout: { request: 200 } })).rejects.toThrow(/Timeout/i);
		sandbox.setFault({ path: '/service/cloud/robot', delayMs: 50 });
		const answer = await robots();
		expect(answer.statusCode).toBe(200);
		expect((JSON.parse(answer.body) as Json).code).toBe(200);
	});

	it('can be queued over HTTP (POST /__sandbox/faults) and cleared (DELETE)', async () => {
		await got.post(`${sandbox.url}/__sandbox/faults`, {
			json: [{ path: '/service/cloud/robot', status: 429 }],
		});
		expect((await robots()).statusCode).toBe(429);
		await got.post(`${sandbox.url}/__sandbox/faults`, {
			json: { path: '/service/cloud/robot', status: 429 },
		});
		await got.delete(`${sandbox.url}/__sandbox/faults`, {
			headers: { 'content-type': 'application/json' },
		});
		expect((await robots()).statusCode).toBe(200);
		const bad = await got.post(`${sandbox.url}/__sandbox/faults`, {
			json: { status: 500 },
			throwHttpErrors: false,
		});
		expect(bad.statusCode).toBe(400);
	});
});

describe('media', () => {
	it('streams a 50 MB WAV without buffering it', async () => {
		const size = 52_428_800;
		const url = `${sandbox.url}/__sandbox/media/big.wav?bytes=${size}`;
		// Back-pressure: pause after the first chunk. A server that buffered the file would hold
		// ~50 MB of Buffers now; a streaming one waits for 'drain' with a few chunks in flight.
		const baseline = process.memoryUsage().arrayBuffers;
		const grown = await new Promise<number>((resolve, reject) => {
			http
				.get(url, (response) => {
					response.once('data', () => {
						response.pause();
						setTimeout(() => {
							const growth = process.memoryUsage().arrayBuffers - baseline;
							response.destroy();
							resolve(growth);
						}, 300);
					});
				})
				.on('error', reject);
		});
		expect(grown).toBeLessThan(16 * 1024 * 1024);

		let total = 0;
		let head = Buffer.alloc(0);
		const stream = got.stream(url);
		stream.on('response', (response: http.IncomingMessage) => {
			expect(response.headers['content-type']).toBe('audio/wav');
			expect(response.headers['content-length']).toBe(String(size));
		});
		for await (const chunk of stream) {
			if (head.length < 44) head = Buffer.concat([head, chunk as Buffer]).subarray(0, 44);
			total += (chunk as Buffer).length;
		}
		expect(total).toBe(size);
		expect(head.subarray(0, 4).toString()).toBe('RIFF');
		expect(head.readUInt32LE(4)).toBe(size - 8);
		expect(head.subarray(8, 16).toString()).toBe('WAVEfmt ');
		expect(head.readUInt32LE(40)).toBe(size - 44);
	});

	it('refuses a bad size and an unknown kind of file', async () => {
		expect(
			(await got(`${sandbox.url}/__sandbox/media/x.wav?bytes=10`, { throwHttpErrors: false }))
				.statusCode,
		).toBe(400);
		expect(
			(await got(`${sandbox.url}/__sandbox/media/x.mp3`, { throwHttpErrors: false })).statusCode,
		).toBe(404);
	});

	it('is recorded and can be faulted like any API call', async () => {
		sandbox.setFault({ path: '/__sandbox/media/*', status: 404, body: '{}' });
		expect(
			(await got(`${sandbox.url}/__sandbox/media/x.wav`, { throwHttpErrors: false })).statusCode,
		).toBe(404);
		expect(sandbox.requests[sandbox.requests.length - 1]).toMatchObject({
			path: '/__sandbox/media/x.wav',
			status: 404,
			fault: true,
		});
	});
});

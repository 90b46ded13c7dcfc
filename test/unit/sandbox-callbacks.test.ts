import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { CALLBACK_EVENTS } from '../../sandbox/callbacks';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Json } from '../support/json';
import { REFERENCE, SEEDS, withReference } from '../support/reference';

/** Callbacks: catalogue vs the reference, delivery, and the simulated end of a StartImmediately task. */

interface Received {
	headers: http.IncomingHttpHeaders;
	body: Json;
}

/** A local receiver that answers 200 `{}` (the documented acknowledgement) and keeps what it got. */
async function receiver(): Promise<{
	url: string;
	received: Received[];
	close: () => Promise<void>;
}> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				headers: req.headers,
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json,
			});
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('callback catalogue', () => {
	withReference('covers exactly the webhook keys of the five reference files', () => {
		const keys: string[] = [];
		for (const file of [
			'core-collection',
			'telemarketing-infocheck',
			'workflow',
			'leads-inbound-encryption',
			'chatbot',
		]) {
			const text = readFileSync(join(REFERENCE, `${file}.openapi.yaml`), 'utf8');
			// From `webhooks:` to the next top-level key.
			const section = text.slice(text.indexOf('\nwebhooks:\n') + 11).split(/\n(?=\S)/)[0];
			keys.push(...[...section.matchAll(/^ {2}([A-Za-z0-9]+):$/gm)].map((m) => m[1]));
		}
		expect([...CALLBACK_EVENTS.keys()].sort()).toEqual(keys.sort());
	});

	withReference('carries the WABA status example of seed 001 exactly', () => {
		const seed = readdirSync(SEEDS).find((name) => name.startsWith('001_'))!;
		const text = readFileSync(join(SEEDS, seed), 'utf8');
		// The page's example: from its first `{` to the `}` before 示例代码 (example code).
		const start = text.indexOf('{\n"workflow_id"');
		const example = JSON.parse(text.slice(start, text.indexOf('\n}\n示例代码', start) + 2)) as Json;
		expect(CALLBACK_EVENTS.get('workflowWabaMessageStatusChanged')!.example).toEqual(example);
	});
});

describe('fireCallback', () => {
	let sandbox: Sandbox;
	let hook: Awaited<ReturnType<typeof receiver>>;

	beforeAll(async () => {
		sandbox = await startSandbox();
		hook = await receiver();
	});

	afterAll(async () => {
		await sandbox.close();
		await hook.close();
	});

	it('POSTs the documented example with AIRudder’s headers and returns the receiver’s answer', async () => {
		const answer = await sandbox.fireCallback(hook.url, 'workflowWabaMessageStatusChanged');
		expect(answer).toEqual({ status: 200, body: '{}' });
		const last = hook.received[hook.received.length - 1];
		expect(last.headers['content-type']).toBe('application/json');
		expect(last.headers['user-agent']).toBe('Airudder');
		expect(last.headers['x-sandbox-event']).toBe('workflowWabaMessageStatusChanged');
		expect(last.body).toMatchObject({
			status: 'delivery',
			waba_template_id: 288,
			callee: '+6289xxxxxxxx234',
		});
	});

	it('sends a given body and headers, and refuses unknown events', async () => {
		await sandbox.fireCallback(
			hook.url,
			'collectionCallFinished',
			{ TaskID: 'x' },
			{ 'X-Extra': '1' },
		);
		const last = hook.received[hook.received.length - 1];
		expect(last.body).toEqual({ TaskID: 'x' });
		expect(last.headers['x-extra']).toBe('1');
		await expect(sandbox.fireCallback(hook.url, 'collectionCallFinishd')).rejects.toThrow(
			/Unknown callback event/,
		);
	});

	it('can be driven over HTTP (POST /__sandbox/fire)', async () => {
		const response = await fetch(`${sandbox.url}/__sandbox/fire`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: hook.url, event: 'collectionTaskFinished' }),
		});
		expect((await response.json()) as Json).toEqual({
			status: 200,
			body: '{}',
			source: 'sandbox illustrative',
		});
		expect(hook.received[hook.received.length - 1].headers['x-sandbox-event']).toBe(
			'collectionTaskFinished',
		);
	});
});

describe('simulated calls of a StartImmediately task', () => {
	it('POSTs one call-end callback per accepted contact, then one task-end callback', async () => {
		const hook = await receiver();
		const sandbox = await startSandbox({ callbackUrl: hook.url, callbackDelayMs: 10 });
		try {
			const auth = (await (
				await fetch(`${sandbox.url}/service/cloud/auth`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ APPKey: 'sandbox-app-key', APPSecret: 'sandbox-app-secret' }),
				})
			).json()) as Json;
			const created = (await (
				await fetch(`${sandbox.url}/service/cloud/v2/task`, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						Authorization: `Token ${auth.data.token}`,
					},
					body: JSON.stringify({
						TaskName: 'now',
						StartImmediately: true,
						RobotID: 'r',
						SIPLine: 'L',
						RepeatInterval: 0,
						RepeatNumber: 0,
						Type: 'promotion',
						Perform: 1,
						Details: [
							{ Mobile: '+6211111111', Platform: 'P', Comments: 'first' },
							{ Mobile: 'bad', Platform: 'P' },
							{ Mobile: '+6222222222', Platform: 'P', Comments: 'second' },
						],
					}),
				})
			).json()) as Json;
			const taskId = created.data.TaskID as string;
			for (let i = 0; i < 100 && hook.received.length < 3; i++)
				await new Promise((r) => setTimeout(r, 20));
			expect(hook.received.map((r) => r.headers['x-sandbox-event'])).toEqual([
				'collectionCallFinished',
				'collectionCallFinished',
				'collectionTaskFinished',
			]);
			expect(
				hook.received.map((r) => [r.body.TaskID, r.body.Callee ?? null, r.body.Comments ?? null]),
			).toEqual([
				[taskId, '+6211111111', 'first'],
				[taskId, '+6222222222', 'second'],
				[taskId, null, null],
			]);
			expect(hook.received[2].body).toMatchObject({ Status: 'finished', Total: 2, Finished: 2 });
			expect(sandbox.tasks.get(taskId)!.Status).toBe('finished');
		} finally {
			await sandbox.close();
			await hook.close();
		}
	});
});

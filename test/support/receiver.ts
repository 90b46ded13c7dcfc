import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

/**
 * A local HTTP receiver on 127.0.0.1 (callbacks of the sandbox: QA reports, PDS status callbacks):
 * every JSON body posted to it, in order, answered `status` `{}`. Its URL ends in `path`.
 */
export async function jsonReceiver(
	path = '/qa-report',
	status = 200,
): Promise<{
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
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
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

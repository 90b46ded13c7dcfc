import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Hostile servers for the security tests: a loopback HTTP server that records every request
 * (method, URL, headers, body) and answers through `handle` (or never, to test time-outs).
 */

export interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** Starts the server on a free 127.0.0.1 port; `close()` also drops connections left hanging. */
export async function server(
	handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
) {
	const seen: Seen[] = [];
	const sockets = new Set<Socket>();
	const srv = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			handle(req, res, body);
		});
	});
	srv.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
	const close = async () => {
		sockets.forEach((socket) => socket.destroy());
		await new Promise((resolve) => srv.close(resolve));
	};
	return { url, seen, close };
}

export const json = (res: http.ServerResponse, status: number, body: unknown) => {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
};
export const redirect = (res: http.ServerResponse, status: number, location: string) => {
	res.writeHead(status, { Location: location });
	res.end();
};

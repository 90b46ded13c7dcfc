import type { ServerResponse } from 'node:http';

import { sleep, type SandboxState } from './state';
import type { Fault } from './types';

/**
 * Scripted faults: the next `times` requests matching a fault get its answer instead of the normal
 * one — a status/body/headers (e.g. 503 + `Retry-After`, an HTML page, truncated JSON), a delay
 * (time-outs), or a dropped socket. Faults apply to every recorded route (AIRudder API and media),
 * never to the admin endpoints. The oldest matching fault wins.
 */

/** Queues `fault`. @throws Error when it has no path. */
export function addFault(state: SandboxState, fault: Fault): void {
	if (typeof fault?.path !== 'string' || fault.path === '') throw new Error('A fault needs a path');
	state.faults.push({ ...fault, remaining: fault.times ?? 1, passed: 0 });
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
	return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : fault.path === path;
}

/**
 * Takes (and counts down) the first fault matching the request, if any. A fault with `after: n`
 * lets its first n matching requests through (e.g. the second creation of a split list fails).
 */
export function takeFault(state: SandboxState, method: string, path: string): Fault | undefined {
	const index = state.faults.findIndex(
		(fault) => fault.remaining > 0 && matches(fault, method, path),
	);
	if (index < 0) return undefined;
	const fault = state.faults[index];
	if (fault.passed < (fault.after ?? 0)) {
		fault.passed += 1;
		return undefined;
	}
	fault.remaining -= 1;
	if (fault.remaining <= 0) state.faults.splice(index, 1);
	return fault;
}

/**
 * Plays a fault on `res`.
 * - `delayMs` first; with nothing else set, returns `'proceed'` (answer normally after the delay);
 * - `destroy`: drops the socket — after writing the head and `body` when a body is given
 *   (a truncated answer), else at once;
 * - otherwise answers `status` (default 200), `headers`, `body` (Content-Type `contentType`,
 *   default `application/json`).
 * @returns `'proceed'`, or the HTTP status written (0 for a dropped socket).
 */
export async function playFault(
	state: SandboxState,
	fault: Fault,
	res: ServerResponse,
): Promise<'proceed' | number> {
	if (fault.delayMs) await sleep(state, fault.delayMs);
	if (res.destroyed) return 0;
	const answers =
		fault.status !== undefined || fault.body !== undefined || fault.headers !== undefined;
	if (!fault.destroy && !answers) return 'proceed';
	const headers: Record<string, string> = {
		...(fault.body ? { 'Content-Type': fault.contentType ?? 'application/json' } : {}),
		...fault.headers,
	};
	if (fault.destroy) {
		if (fault.body !== undefined) {
			res.writeHead(fault.status ?? 200, headers);
			res.write(fault.body, () => res.socket?.destroy());
		} else {
			res.socket?.destroy();
		}
		return 0;
	}
	const status = fault.status ?? 200;
	res.writeHead(status, headers).end(fault.body ?? '');
	return status;
}

import {
	BACKOFF_MS,
	MAX_ATTEMPTS,
	MAX_RETRY_AFTER_MS,
	retryDelay,
	withRetries,
} from '../../nodes/Airudder/transport/retry';

describe('retry policy (transport/retry.ts)', () => {
	test('retryDelay: 429, 5xx and broken connections are retried with doubling back-off; other answers are not', () => {
		expect(retryDelay(429, false, undefined, 1)).toBe(BACKOFF_MS);
		expect(retryDelay(503, false, undefined, 2)).toBe(2 * BACKOFF_MS);
		expect(retryDelay(undefined, true, undefined, 1)).toBe(BACKOFF_MS);
		for (const status of [200, 400, 401, 404, 422]) {
			expect(retryDelay(status, false, undefined, 1)).toBeUndefined();
		}
		expect(retryDelay(undefined, false, undefined, 1)).toBeUndefined();
		expect(retryDelay(503, false, undefined, MAX_ATTEMPTS)).toBeUndefined();
	});

	test('retryDelay: Retry-After in seconds wins, capped at 30 s; an HTTP date or junk falls back to the back-off', () => {
		expect(retryDelay(503, false, '2', 1)).toBe(2000);
		expect(retryDelay(429, false, '0', 1)).toBe(0);
		expect(retryDelay(429, false, '3600', 1)).toBe(MAX_RETRY_AFTER_MS);
		expect(retryDelay(503, false, 'Wed, 21 Oct 2026 07:28:00 GMT', 1)).toBe(BACKOFF_MS);
		expect(retryDelay(503, false, ' ', 1)).toBe(BACKOFF_MS);
		expect(retryDelay(503, false, '-1', 1)).toBe(BACKOFF_MS);
	});

	const httpError = (status: number) =>
		Object.assign(new Error(`HTTP ${status}`), {
			response: { status, headers: { 'retry-after': '0' } },
		});

	test('withRetries: an idempotent request is sent at most MAX_ATTEMPTS times; a write once', async () => {
		let sends = 0;
		const failing = async () => {
			sends++;
			throw httpError(503);
		};
		expect(await withRetries(true, failing)).toEqual({ failure: expect.any(Error) });
		expect(sends).toBe(MAX_ATTEMPTS);
		sends = 0;
		expect(await withRetries(false, failing)).toEqual({ failure: expect.any(Error) });
		expect(sends).toBe(1);
	});

	test('withRetries: a transient failure answered without throwing is retried through answerDelay', async () => {
		const answers = [503, 503, 200];
		const seen: number[] = [];
		const result = await withRetries(
			true,
			async (attempt) => {
				seen.push(attempt);
				return { statusCode: answers[attempt - 1] };
			},
			(answer, attempt) => retryDelay(answer.statusCode, false, '0', attempt),
		);
		expect(result).toEqual({ answer: { statusCode: 200 } });
		expect(seen).toEqual([1, 2, 3]);
	});

	test('withRetries: the streamed body of a failed attempt that is retried is destroyed', async () => {
		const destroyed: number[] = [];
		let attempt = 0;
		const result = await withRetries(true, async () => {
			attempt++;
			if (attempt === 1) {
				const n = attempt;
				throw Object.assign(new Error('HTTP 503'), {
					response: {
						status: 503,
						headers: { 'retry-after': '0' },
						data: { destroy: () => destroyed.push(n) },
					},
				});
			}
			return 'ok';
		});
		expect(result).toEqual({ answer: 'ok' });
		expect(destroyed).toEqual([1]);
	});
});

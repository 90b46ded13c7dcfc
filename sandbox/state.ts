import { randomBytes } from 'node:crypto';

import type { Fault, RecordedRequest, SandboxOptions, SandboxTask, SandboxWorkflow } from './types';

/** Options with every default filled in. */
export interface ResolvedOptions {
	port: number;
	host: '127.0.0.1';
	appKey: string;
	appSecret: string;
	tokenTtlSeconds: number;
	aesKey?: string;
	robots: Array<{ RobotID: string; RobotName: string }>;
	callbackUrl?: string;
	callbackDelayMs: number;
	pdsCallMs: number;
	now: () => Date;
	/** Parsed `accountUtcOffset`, in minutes east of UTC. */
	accountOffsetMinutes: number;
	accountUtcOffset: string;
	recordingBytes: number;
	log: (line: string) => void;
	chatbotApiKey: string;
	/** Where the QA report goes after Start (qa.ts); unset = nowhere. */
	qaCallbackUrl?: string;
	/** Key of the QA report's Sign (md5 of TaskID + key). */
	qaSignKey: string;
}

export const DEFAULT_CHATBOT_API_KEY = 'sandbox-chatbot-api-key';

/**
 * Robots listed when `opts.robots` is not given. The first RobotID is the one of the docs'
 * create-task example (seed 002); the names are the sandbox's own.
 */
export const DEFAULT_ROBOTS = [
	{ RobotID: 'e9f60ec4e5f1721c7992dc882767eb19', RobotName: 'Sandbox robot 1' },
	{ RobotID: '5f0c2a7d9b1e4c3a8d6f0e2b4a6c8d0e', RobotName: 'Sandbox robot 2' },
	{ RobotID: '0b9a8c7d6e5f40312a3b4c5d6e7f8091', RobotName: 'Sandbox robot 3' },
];

/** Mutable state shared by the handlers of one sandbox. */
export interface SandboxState {
	opts: ResolvedOptions;
	/** `http://127.0.0.1:<port>`, known once listening. */
	baseUrl: string;
	/** token → expiry (ms since epoch). */
	tokens: Map<string, number>;
	tokensIssued: number;
	tasks: Map<string, SandboxTask>;
	workflows: Map<string, SandboxWorkflow>;
	faults: Array<Fault & { remaining: number; passed: number }>;
	requests: RecordedRequest[];
	/** Pending timers (fault delays, simulated callbacks), cleared on close. */
	timers: Set<NodeJS.Timeout>;
	closed: boolean;
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Fills defaults and checks option values. @throws Error on an invalid option. */
export function resolveOptions(opts: SandboxOptions = {}): ResolvedOptions {
	const host = opts.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('The sandbox only listens on 127.0.0.1');
	const accountUtcOffset = opts.accountUtcOffset ?? '+08:00';
	const m = OFFSET.exec(accountUtcOffset);
	if (!m || Number(m[3]) > 59)
		throw new Error(`accountUtcOffset must look like +08:00 or -05:30 (got ${accountUtcOffset})`);
	const accountOffsetMinutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
	const tokenTtlSeconds = opts.tokenTtlSeconds ?? 86_400;
	if (!(tokenTtlSeconds > 0)) throw new Error('tokenTtlSeconds must be positive');
	return {
		port: opts.port ?? 0,
		host,
		appKey: opts.appKey ?? 'sandbox-app-key',
		appSecret: opts.appSecret ?? 'sandbox-app-secret',
		tokenTtlSeconds,
		aesKey: opts.aesKey,
		robots: opts.robots ?? DEFAULT_ROBOTS,
		callbackUrl: opts.callbackUrl,
		callbackDelayMs: opts.callbackDelayMs ?? 50,
		pdsCallMs: Math.max(0, opts.pdsCallMs ?? 0),
		now: opts.now ?? (() => new Date()),
		accountOffsetMinutes,
		accountUtcOffset,
		recordingBytes: Math.max(44, Math.floor(opts.recordingBytes ?? 32_044)),
		chatbotApiKey: opts.chatbotApiKey ?? DEFAULT_CHATBOT_API_KEY,
		log: opts.log ?? (() => undefined),
		qaCallbackUrl: opts.qaCallbackUrl,
		qaSignKey: opts.qaSignKey ?? 'airudder',
	};
}

/** A 32-character lowercase hex id, the shape of TaskID / workflow_id in the docs' examples. */
export function hexId(): string {
	return randomBytes(16).toString('hex');
}

/** Resolves after `ms`; never resolves when the sandbox closes first (its sockets are gone by then). */
export function sleep(state: SandboxState, ms: number): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			state.timers.delete(timer);
			resolve();
		}, ms);
		state.timers.add(timer);
	});
}

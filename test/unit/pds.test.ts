import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	encodeCallbackUrl,
	flatContact,
	pdsPhoneProblem,
	pdsScheduleProblem,
	pdsTaskNameProblem,
} from '../../nodes/Airudder/actions/pds/rules';
import { withIsoTimes } from '../../nodes/Airudder/helpers/time';
import { PDS_ERROR_CODES, describePdsCode } from '../../nodes/Airudder/transport/pds/errors';
import { PDS_ENDPOINTS } from '../../nodes/Airudder/transport/pds/endpoints';
import { callbackOutput, recogniseEvents } from '../../nodes/Airudder/trigger/recognition';
import { VOICE_EVENTS } from '../../nodes/Airudder/trigger/events';
import { REFERENCE } from '../support/reference';

describe('PDS error table', () => {
	it('holds the 63 codes of the reference, with their message and description', () => {
		expect(PDS_ERROR_CODES.size).toBe(63);
		const file = join(REFERENCE, 'pds.openapi.yaml');
		if (!existsSync(file)) return;
		const text = readFileSync(file, 'utf8');
		const rows = [...text.matchAll(/^- \{code: (-?\d+), message: /gm)].map((m) => Number(m[1]));
		expect(rows).toHaveLength(63);
		expect([...PDS_ERROR_CODES.keys()].sort()).toEqual(rows.sort());
	});

	it('words a known code as "AIRudder PDS error <code>: <message> — <description>"', () => {
		expect(describePdsCode(10510)).toBe(
			'AIRudder PDS error 10510: Incorrect phone number — Incorrect phone number format. The correct format should start with + and not exceed 14 digits',
		);
		expect(describePdsCode('10506')).toBe('AIRudder PDS error 10506: Task is not found');
		expect(describePdsCode(99999, 'boom')).toBe(
			'AIRudder PDS error 99999 (not in the PDS error table): boom',
		);
		expect(describePdsCode(undefined, 'odd')).toBe('AIRudder PDS answered without a code: odd');
	});

	it('retries reads only', () => {
		expect(
			Object.entries(PDS_ENDPOINTS)
				.filter(([, e]) => e.idempotent)
				.map(([name]) => name),
		).toEqual(['queryTaskList', 'queryTaskDetail', 'getRecording']);
	});
});

describe('PDS input rules', () => {
	it.each([
		['+6281234567890', true],
		['+12345678901234', true],
		['+123456789012345', false],
		['6281234567890', false],
		['+62 812', false],
		['', false],
	])('phone %s valid: %s', (phone, valid) => {
		expect(pdsPhoneProblem('phonenumber', phone) === undefined).toBe(valid);
	});

	it('task names: letters, digits, underscore, hyphen', () => {
		expect(pdsTaskNameProblem('taskName', 'JULO_B1-20240501-0800')).toBeUndefined();
		expect(pdsTaskNameProblem('taskName', 'a b')?.code).toBe(10518);
		expect(pdsTaskNameProblem('taskName', 'ä')?.code).toBe(10518);
	});

	it('schedule: 10509 past start, 10620 under 5 minutes, 10621 other day (account wall time)', () => {
		const now = new Date('2026-05-01T02:00:00Z'); // 10:00 in Manila
		const zone = 'Asia/Manila';
		expect(
			pdsScheduleProblem('2026-05-01 10:00:00', '2026-05-01 10:05:00', zone, now),
		).toBeUndefined();
		expect(pdsScheduleProblem('2026-05-01 09:58:00', '2026-05-01 10:30:00', zone, now)?.code).toBe(
			10509,
		);
		expect(
			pdsScheduleProblem('2026-05-01 09:59:30', '2026-05-01 10:30:00', zone, now),
		).toBeUndefined();
		expect(pdsScheduleProblem('2026-05-01 10:00:00', '2026-05-01 10:04:59', zone, now)?.code).toBe(
			10620,
		);
		expect(pdsScheduleProblem('2026-05-01 23:00:00', '2026-05-02 01:00:00', zone, now)?.code).toBe(
			10621,
		);
	});

	it('contacts become flat string objects; nested values are refused by name', () => {
		expect(flatContact({ phonenumber: '+62', dpd: 3, vip: true, note: null })).toEqual({
			contact: { phonenumber: '+62', dpd: '3', vip: 'true', note: null },
		});
		expect(flatContact({ phonenumber: '+62', tags: ['a'] })).toEqual({ field: 'tags' });
	});

	it('callback URLs are base64 (UTF-8), as the reference test shows', () => {
		expect(encodeCallbackUrl('http://test-callback-url.com/callback/')).toBe(
			'aHR0cDovL3Rlc3QtY2FsbGJhY2stdXJsLmNvbS9jYWxsYmFjay8=',
		);
	});

	it('ISO copies of record times and ms timestamps; empty and bad values get none', () => {
		expect(
			withIsoTimes(
				{
					calltime: '2024-05-01T08:02:03+07:00',
					endtime: '',
					ringtime: 'soon',
					timestamp: 1714528800000,
				},
				['calltime', 'endtime', 'ringtime', 'timestamp'],
			),
		).toEqual({
			calltime: '2024-05-01T08:02:03+07:00',
			calltimeIso: '2024-05-01T01:02:03.000Z',
			endtime: '',
			ringtime: 'soon',
			timestamp: 1714528800000,
			timestampIso: '2024-05-01T02:00:00.000Z',
		});
	});
});

describe('PDS callbacks in the trigger', () => {
	it('are recognised by type, one event each, and get body.timestampIso', () => {
		for (const [type, key] of [
			['TaskStatus', 'workflowPdsTaskStatusChanged'],
			['ContactStatus', 'workflowPdsContactStatusChanged'],
			['AgentStatus', 'workflowPdsAgentStatusChanged'],
		]) {
			const body = { type, body: { taskId: 't', timestamp: '1714528800000' } };
			expect(recogniseEvents(body, VOICE_EVENTS)[0]).toBe(key);
			expect(callbackOutput(body)).toEqual({
				type,
				body: { taskId: 't', timestamp: '1714528800000', timestampIso: '2024-05-01T02:00:00.000Z' },
			});
			expect(body.body).not.toHaveProperty('timestampIso');
		}
		const other = { type: 'Other', body: { timestamp: 1 } };
		expect(callbackOutput(other)).toBe(other);
		expect(VOICE_EVENTS.filter((e) => e.displayName.startsWith('Predictive Dialer:'))).toHaveLength(
			3,
		);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { parseAirudderTime } from '../../helpers/time';

/**
 * Pure rules and conversions of AIRudder's Predictive Dialer (PDS): what the PDS error table
 * documents (its 63 codes, as a production client lists them; no AIRudder doc page), checked
 * before any request.
 */

/** A problem found before sending: the PDS code it avoids, the field and the sentence. */
export interface PdsProblem {
	code: number;
	field: string;
	message: string;
}

/** 10510: "start with + and not exceed 14 digits". */
const PHONE = /^\+\d{1,14}$/;

/**
 * 10518 says only letters, digits and underscore; the production client the reference comes from
 * sends names with hyphens (`JULO_B1-20240501-0800`), so hyphens are let through too.
 */
const TASK_NAME = /^[A-Za-z0-9_-]+$/;

/** A start this far in the past (ms) is still let through: `{{ $now }}` is a few ms old on arrival. */
const START_TOLERANCE_MS = 60_000;

/** 10620: the auto-end time must be at least 5 minutes after the start. */
const MIN_TASK_MS = 5 * 60_000;

/** 10510: the number must start with `+` and have at most 14 digits. @returns the problem, if any. */
export function pdsPhoneProblem(field: string, value: unknown): PdsProblem | undefined {
	const text = value === undefined || value === null ? '' : String(value);
	if (PHONE.test(text)) return undefined;
	return {
		code: 10510,
		field,
		message: `${field} "${text}" must start with + and have at most 14 digits (E.164, e.g. +6281234567890)`,
	};
}

/** 10518: task name characters (see TASK_NAME). @returns the problem, if any. */
export function pdsTaskNameProblem(field: string, value: string): PdsProblem | undefined {
	if (TASK_NAME.test(value)) return undefined;
	return {
		code: 10518,
		field,
		message: `${field} "${value}" may hold only letters, digits, underscores and hyphens`,
	};
}

/**
 * 10509 / 10620 / 10621 on the schedule, both given as AIRudder's `YYYY-MM-DD HH:MM:SS` wall time
 * in `timeZone` (the account's): start not in the past (with START_TOLERANCE_MS), end at least
 * 5 minutes after start, both on the same day.
 * @returns the first problem, if any.
 */
export function pdsScheduleProblem(
	startTime: string,
	autoEndTime: string,
	timeZone: string,
	now: Date,
): PdsProblem | undefined {
	const start = parseAirudderTime(startTime, timeZone);
	const end = parseAirudderTime(autoEndTime, timeZone);
	if (!start || !end) return undefined;
	if (start.getTime() < now.getTime() - START_TOLERANCE_MS) {
		return {
			code: 10509,
			field: 'startTime',
			message: `Start Time ${startTime} (${timeZone}) is in the past`,
		};
	}
	if (end.getTime() - start.getTime() < MIN_TASK_MS) {
		return {
			code: 10620,
			field: 'autoEndTime',
			message: `Auto End Time ${autoEndTime} must be at least 5 minutes after Start Time ${startTime}`,
		};
	}
	if (startTime.slice(0, 10) !== autoEndTime.slice(0, 10)) {
		return {
			code: 10621,
			field: 'autoEndTime',
			message: `Start Time ${startTime} and Auto End Time ${autoEndTime} must be on the same day (${timeZone})`,
		};
	}
	return undefined;
}

/**
 * One `customizeContacts` entry from an item's fields: a FLAT object of string values (numbers and
 * booleans become strings, null stays null; the client the reference comes from converts integers
 * because "ai rudder only accept string value").
 * @returns `{ contact }`, or `{ field }` naming the first value that is an object or array.
 */
export function flatContact(fields: IDataObject): { contact: IDataObject } | { field: string } {
	const contact: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === '__proto__' || value === undefined) continue;
		if (value !== null && typeof value === 'object') return { field: key };
		contact[key] = value === null ? null : String(value);
	}
	return { contact };
}

/** Times of a call record (ISO 8601 with offset or Z, as AIRudder sends them). */
export const PDS_RECORD_TIME_FIELDS = [
	'calltime',
	'endtime',
	'answertime',
	'ringtime',
	'talktime',
] as const;

/** Base64 (UTF-8) of the callback URL, as createtask's `callback` carries it. */
export function encodeCallbackUrl(url: string): string {
	return Buffer.from(url, 'utf8').toString('base64');
}

/** Splits a comma-separated list (agent names, dialling order), trimmed, empties dropped. */
export function commaList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

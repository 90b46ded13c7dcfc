import type { IDataObject } from 'n8n-workflow';

import { parseAirudderTime } from '../../../helpers/time';
import type { Problem } from '../../shared/problem';

/**
 * The documented rules of "Create a Calling Task" (the DIDI page read in full; the
 * Collection/Telemarketing/Info Check pages point to the same body).
 * Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 */
export const TASK_RULES = {
	taskNameMaxLength: 64,
	/** ScheduleStartTime must fall within this many days from now. */
	scheduleWindowDays: 5,
	/** ScheduleEndTime ≥ ScheduleStartTime + this many minutes. */
	minimumDurationMinutes: 30,
	repeatInterval: { min: 0, max: 30 },
	repeatNumber: { min: 0, max: 15 },
	performValues: [1, 2, 3],
	robotMethods: ['single', 'group'],
	maxContactsPerTask: 10_000,
	customerMaxLength: 64,
	platformMaxLength: 20,
	commentsMaxLength: 64,
	genders: ['male', 'female'],
	/** `Mobile` pattern of the reference (DidiTaskDetail): '+', country code, number. */
	mobilePattern: /^\+[0-9]+$/,
} as const;

/**
 * Checks one contact (one element of `Details`). Returns the first broken rule, or undefined.
 * Mobile and Platform are required; Customer/Comments ≤ 64 and Platform ≤ 20 characters;
 * Gender is male or female when given.
 */
export function contactProblem(contact: IDataObject): Problem | undefined {
	const mobile = contact.Mobile;
	if (typeof mobile !== 'string' || mobile === '') {
		return {
			field: 'Mobile',
			message: 'Mobile is required (international form, e.g. +6212341234)',
		};
	}
	if (!TASK_RULES.mobilePattern.test(mobile)) {
		return {
			field: 'Mobile',
			message: `Mobile "${mobile}" must be '+' then the country code and number, digits only (e.g. +6212341234)`,
		};
	}
	const platform = contact.Platform;
	if (typeof platform !== 'string' || platform === '') {
		return {
			field: 'Platform',
			message: 'Platform (your lending/selling platform name) is required',
		};
	}
	const lengths: Array<[string, number]> = [
		['Platform', TASK_RULES.platformMaxLength],
		['Customer', TASK_RULES.customerMaxLength],
		['Comments', TASK_RULES.commentsMaxLength],
	];
	for (const [field, max] of lengths) {
		const value = contact[field];
		if (typeof value === 'string' && [...value].length > max) {
			return {
				field,
				message: `${field} is ${[...value].length} characters long; at most ${max} are allowed`,
			};
		}
	}
	const gender = contact.Gender;
	if (gender !== undefined && !(TASK_RULES.genders as readonly unknown[]).includes(gender)) {
		return {
			field: 'Gender',
			message: `Gender must be "male" or "female" (got ${describeValue(gender)})`,
		};
	}
	return undefined;
}

/** A value for an error message: strings quoted, anything else as JSON (never throws). */
function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return Object.prototype.toString.call(value);
	}
}

/** Task-level settings of a create request (everything but Details). */
export interface TaskSettings {
	TaskName: string;
	RobotID: string;
	SIPLine: string;
	Type: string;
	Perform: number;
	RepeatNumber: number;
	RepeatInterval: number;
	StartImmediately?: boolean;
	ScheduleStartTime?: string;
	ScheduleEndTime?: string;
	RobotMethod?: string;
	[key: string]: unknown;
}

function rangeProblem(
	field: string,
	value: number,
	range: { min: number; max: number },
): Problem | undefined {
	if (!Number.isInteger(value) || value < range.min || value > range.max) {
		return {
			field,
			message: `${field} must be a whole number from ${range.min} to ${range.max} (got ${value})`,
		};
	}
	return undefined;
}

/**
 * Checks the task-level fields. Schedule strings are `YYYY-MM-DD hh:mm:ss` in `accountTimeZone`
 * (IANA name); `now` is the current instant. Returns the first broken rule, or undefined.
 * The schedule must start now or later (not in the past), within the next 5 days, and end at least
 * 30 minutes after the start, also within the 5 days.
 */
export function taskProblem(
	task: TaskSettings,
	accountTimeZone: string,
	now: Date,
): Problem | undefined {
	if (!task.TaskName) return { field: 'TaskName', message: 'Task Name is required' };
	if ([...task.TaskName].length > TASK_RULES.taskNameMaxLength) {
		return {
			field: 'TaskName',
			message: `Task Name is ${[...task.TaskName].length} characters long; at most ${TASK_RULES.taskNameMaxLength} are allowed`,
		};
	}
	if (!task.RobotID) return { field: 'RobotID', message: 'Robot is required' };
	if (!task.SIPLine) return { field: 'SIPLine', message: 'SIP Line is required' };
	if (!task.Type) return { field: 'Type', message: 'Type is required' };
	if (!(TASK_RULES.performValues as readonly number[]).includes(task.Perform)) {
		return { field: 'Perform', message: `Perform must be 1, 2 or 3 (got ${task.Perform})` };
	}
	if (
		task.RobotMethod !== undefined &&
		!(TASK_RULES.robotMethods as readonly string[]).includes(task.RobotMethod)
	) {
		return {
			field: 'RobotMethod',
			message: `Robot Method must be "single" or "group" (got "${task.RobotMethod}")`,
		};
	}
	const range =
		rangeProblem('RepeatNumber', task.RepeatNumber, TASK_RULES.repeatNumber) ??
		rangeProblem('RepeatInterval', task.RepeatInterval, TASK_RULES.repeatInterval);
	if (range) return range;
	if (task.StartImmediately === true) return undefined;
	return scheduleProblem(task.ScheduleStartTime, task.ScheduleEndTime, accountTimeZone, now);
}

function scheduleProblem(
	startText: string | undefined,
	endText: string | undefined,
	timeZone: string,
	now: Date,
): Problem | undefined {
	const start = startText ? parseAirudderTime(startText, timeZone) : undefined;
	if (!start) {
		return {
			field: 'ScheduleStartTime',
			message: 'Schedule Start Time is required unless Start Immediately is on',
		};
	}
	const end = endText ? parseAirudderTime(endText, timeZone) : undefined;
	if (!end)
		return {
			field: 'ScheduleEndTime',
			message: 'Schedule End Time is required unless Start Immediately is on',
		};
	const windowEnd = now.getTime() + TASK_RULES.scheduleWindowDays * 86_400_000;
	// The format has one-second resolution: a start in the current second is not in the past.
	if (start.getTime() < Math.floor(now.getTime() / 1000) * 1000) {
		return {
			field: 'ScheduleStartTime',
			message: `Schedule Start Time ${startText} (${timeZone}) is in the past; it must be within the next ${TASK_RULES.scheduleWindowDays} days (or turn on Start Immediately)`,
		};
	}
	if (start.getTime() > windowEnd) {
		return {
			field: 'ScheduleStartTime',
			message: `Schedule Start Time ${startText} (${timeZone}) must be within the next ${TASK_RULES.scheduleWindowDays} days`,
		};
	}
	if (end.getTime() > windowEnd) {
		return {
			field: 'ScheduleEndTime',
			message: `Schedule End Time ${endText} (${timeZone}) must be within the next ${TASK_RULES.scheduleWindowDays} days`,
		};
	}
	const minutes = (end.getTime() - start.getTime()) / 60_000;
	if (minutes < TASK_RULES.minimumDurationMinutes) {
		return {
			field: 'ScheduleEndTime',
			message: `Schedule End Time must be at least ${TASK_RULES.minimumDurationMinutes} minutes after the start (it is ${Math.round(minutes)} minutes after)`,
		};
	}
	return undefined;
}

/**
 * The names of the tasks a list of `count` tasks is created under: the Task Name itself for one
 * task, else `<Task Name>-1` … `<Task Name>-<count>` (a list above 10,000 contacts is split).
 */
export function splitTaskNames(taskName: string, count: number): string[] {
	return count <= 1 ? [taskName] : Array.from({ length: count }, (_, i) => `${taskName}-${i + 1}`);
}

/**
 * {@link taskProblem} for the tasks of a split list (`count` tasks). When only the split suffix makes
 * a name too long, the message says so and how long the Task Name may be.
 */
export function splitTaskProblem(
	task: TaskSettings,
	count: number,
	accountTimeZone: string,
	now: Date,
): Problem | undefined {
	const names = splitTaskNames(task.TaskName, count);
	// Only the name differs between the tasks, and the last one is the longest.
	const longest = names[names.length - 1];
	const problem = taskProblem({ ...task, TaskName: longest }, accountTimeZone, now);
	const baseLength = [...task.TaskName].length;
	if (problem?.field !== 'TaskName' || count <= 1 || baseLength === 0) return problem;
	if (baseLength > TASK_RULES.taskNameMaxLength) return taskProblem(task, accountTimeZone, now);
	const suffix = longest.slice(task.TaskName.length);
	return {
		field: 'TaskName',
		message: `Task Name is ${baseLength} characters long, but the list is split into ${count} tasks (at most ${TASK_RULES.maxContactsPerTask} contacts each) named "<Task Name>-1" … "<Task Name>${suffix}", and the suffix "${suffix}" makes ${[...longest].length} characters; at most ${TASK_RULES.taskNameMaxLength} are allowed, so shorten the Task Name to ${TASK_RULES.taskNameMaxLength - suffix.length} characters or fewer`,
	};
}

import {
	contactProblem,
	taskProblem,
	type TaskSettings,
} from '../../nodes/Airudder/helpers/validation';

const ZONE = 'Asia/Manila';
const NOW = new Date('2026-11-22T00:00:00+08:00');

const task = (overrides: Partial<TaskSettings> = {}): TaskSettings => ({
	TaskName: 'reminders',
	RobotID: 'robot-1',
	SIPLine: 'LINE',
	Type: 'promotion',
	Perform: 1,
	RepeatNumber: 0,
	RepeatInterval: 10,
	StartImmediately: false,
	ScheduleStartTime: '2026-11-22 09:00:00',
	ScheduleEndTime: '2026-11-22 10:00:00',
	...overrides,
});

describe('task rules (seed 002)', () => {
	it('accepts a valid task', () => {
		expect(taskProblem(task(), ZONE, NOW)).toBeUndefined();
	});

	it.each<[string, Partial<TaskSettings>, string, RegExp]>([
		[
			'65-character TaskName',
			{ TaskName: 'x'.repeat(65) },
			'TaskName',
			/65 characters long; at most 64/,
		],
		['missing RobotID', { RobotID: '' }, 'RobotID', /Robot is required/],
		['missing SIPLine', { SIPLine: '' }, 'SIPLine', /SIP Line is required/],
		['missing Type', { Type: '' }, 'Type', /Type is required/],
		['Perform 4', { Perform: 4 }, 'Perform', /1, 2 or 3/],
		['RepeatNumber 16', { RepeatNumber: 16 }, 'RepeatNumber', /0 to 15 \(got 16\)/],
		['RepeatInterval 31', { RepeatInterval: 31 }, 'RepeatInterval', /0 to 30 \(got 31\)/],
		['RepeatInterval -1', { RepeatInterval: -1 }, 'RepeatInterval', /0 to 30/],
		['RobotMethod other', { RobotMethod: 'all' }, 'RobotMethod', /single" or "group/],
		[
			'end 10 minutes after start',
			{ ScheduleEndTime: '2026-11-22 09:10:00' },
			'ScheduleEndTime',
			/at least 30 minutes after the start \(it is 10 minutes/,
		],
		[
			'start 6 days ahead',
			{ ScheduleStartTime: '2026-11-28 09:00:00', ScheduleEndTime: '2026-11-28 10:00:00' },
			'ScheduleStartTime',
			/within the next 5 days/,
		],
		[
			'end 6 days ahead',
			{ ScheduleEndTime: '2026-11-28 10:00:00' },
			'ScheduleEndTime',
			/within the next 5 days/,
		],
		[
			'no schedule',
			{ ScheduleStartTime: undefined },
			'ScheduleStartTime',
			/required unless Start Immediately/,
		],
		[
			'bad time format',
			{ ScheduleStartTime: '2026/11/22 09:00' },
			'ScheduleStartTime',
			/required unless/,
		],
	])('refuses %s', (_label, overrides, field, message) => {
		const problem = taskProblem(task(overrides), ZONE, NOW);
		expect(problem?.field).toBe(field);
		expect(problem?.message).toMatch(message);
	});

	it('needs no schedule when StartImmediately is on', () => {
		expect(
			taskProblem(
				task({ StartImmediately: true, ScheduleStartTime: undefined, ScheduleEndTime: undefined }),
				ZONE,
				NOW,
			),
		).toBeUndefined();
	});

	it('accepts exactly 30 minutes and 64 characters', () => {
		expect(
			taskProblem(
				task({ TaskName: 'x'.repeat(64), ScheduleEndTime: '2026-11-22 09:30:00' }),
				ZONE,
				NOW,
			),
		).toBeUndefined();
	});
});

describe('contact rules', () => {
	const ok = { Mobile: '+6212341234', Platform: 'AIRUDDER' };
	it('accepts a valid contact', () => expect(contactProblem(ok)).toBeUndefined());
	it.each<[string, object, string, RegExp]>([
		['Mobile without +', { Mobile: '12345' }, 'Mobile', /must be '\+' then the country code/],
		['Mobile with letters', { Mobile: '+62abc' }, 'Mobile', /digits only/],
		['missing Mobile', { Mobile: '' }, 'Mobile', /Mobile is required/],
		['missing Platform', { Platform: undefined }, 'Platform', /Platform .* is required/],
		['Platform of 21', { Platform: 'p'.repeat(21) }, 'Platform', /21 characters long; at most 20/],
		['Customer of 65', { Customer: 'c'.repeat(65) }, 'Customer', /at most 64/],
		['Comments of 65', { Comments: 'c'.repeat(65) }, 'Comments', /at most 64/],
		['Gender other', { Gender: 'other' }, 'Gender', /"male" or "female"/],
	])('refuses %s', (_label, overrides, field, message) => {
		const problem = contactProblem({ ...ok, ...overrides });
		expect(problem?.field).toBe(field);
		expect(problem?.message).toMatch(message);
	});
	it('counts characters, not UTF-16 units', () => {
		expect(contactProblem({ ...ok, Customer: '😀'.repeat(64) })).toBeUndefined();
	});
});

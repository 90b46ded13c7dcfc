import {
	assignDetailErrors,
	chunk,
	compact,
	findList,
	pairsToObject,
} from '../../nodes/Airudder/helpers/contacts';
import {
	formatAirudderTime,
	parseAirudderTime,
	parseDateTime,
} from '../../nodes/Airudder/helpers/time';
import { robotEntry } from '../../nodes/Airudder/methods/robots';

describe('time', () => {
	it('formats an instant as wall time in the account zone', () => {
		const instant = new Date('2026-11-22T01:00:00Z');
		expect(formatAirudderTime(instant, 'Asia/Manila')).toBe('2026-11-22 09:00:00');
		expect(formatAirudderTime(instant, 'Asia/Jakarta')).toBe('2026-11-22 08:00:00');
		expect(formatAirudderTime(instant, 'Asia/Kolkata')).toBe('2026-11-22 06:30:00');
		expect(formatAirudderTime(instant, 'America/Mexico_City')).toBe('2026-11-21 19:00:00');
	});
	it('reads a zone-less editor value in the workflow zone and an ISO value as absolute', () => {
		expect(parseDateTime('2026-11-22T09:00:00', 'Asia/Manila')?.toISOString()).toBe(
			'2026-11-22T01:00:00.000Z',
		);
		expect(parseDateTime('2026-11-22T09:00:00+07:00', 'Asia/Manila')?.toISOString()).toBe(
			'2026-11-22T02:00:00.000Z',
		);
		expect(parseDateTime('tomorrow', 'Asia/Manila')).toBeUndefined();
	});
	it('round-trips through the AIRudder format, also across a DST change', () => {
		const instant = new Date('2026-03-08T12:30:00Z');
		for (const zone of ['America/New_York', 'Asia/Kolkata', 'Europe/Berlin']) {
			expect(parseAirudderTime(formatAirudderTime(instant, zone), zone)?.toISOString()).toBe(
				instant.toISOString(),
			);
		}
	});
});

describe('contacts', () => {
	it('compacts empty values and trims strings', () => {
		expect(compact({ a: ' x ', b: '', c: undefined, d: null, e: 0, f: false })).toEqual({
			a: 'x',
			e: 0,
			f: false,
		});
	});
	it('turns pairs into an object', () => {
		expect(
			pairsToObject([
				{ name: 'LoanNumber', value: 'L1' },
				{ name: '', value: 'dropped' },
			]),
		).toEqual({ LoanNumber: 'L1' });
	});
	it('chunks at 10,000', () => {
		expect(
			chunk(
				Array.from({ length: 20001 }, (_, i) => i),
				10000,
			).map((c) => c.length),
		).toEqual([10000, 10000, 1]);
	});
	it('assigns detail errors by 0-based index and keeps unmatched ones', () => {
		const { byIndex, unmatched } = assignDetailErrors(
			[
				{ field: 'Details[1]', msg: 'Country Code Error: 13016111', comments: 'c' },
				{ field: 'Details[7]', msg: 'out of range' },
				{ msg: 'no field' },
			],
			3,
		);
		expect(byIndex.get(1)?.[0].msg).toBe('Country Code Error: 13016111');
		expect(unmatched.map((e) => e.msg)).toEqual(['out of range', 'no field']);
	});
	it('finds the list in an undocumented answer', () => {
		expect(findList([{ a: 1 }])).toEqual([{ a: 1 }]);
		expect(findList({ total: 1, list: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(findList({ total: 0 })).toEqual([]);
	});
	it('builds robot dropdown entries from the usual id/name keys', () => {
		expect(robotEntry({ RobotID: 'r1', RobotName: 'Jessica' })).toEqual({
			name: 'Jessica (r1)',
			value: 'r1',
		});
		expect(robotEntry({ id: 7 })).toEqual({ name: '7', value: '7' });
		expect(robotEntry({ other: 'x' })).toBeUndefined();
	});
});

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The account time zone. AIRudder reads schedule/end times as wall time in the ACCOUNT's zone;
 * the docs name Philippines +08:00, Indonesia +07:00, India +05:30, Mexico −06:00/−05:00.
 * Mainland Mexico has had no daylight saving time since 2022 (UTC−06:00 all year); the docs'
 * UTC−05:00 is kept as a fixed-offset choice (`Etc/GMT+5`, POSIX sign) for accounts set up with it.
 */
export const accountTimeZoneProperty: INodeProperties = {
	displayName: 'Account Time Zone',
	name: 'accountTimeZone',
	type: 'options',
	default: 'Asia/Manila',
	options: [
		{ name: 'India (UTC+05:30)', value: 'Asia/Kolkata' },
		{ name: 'Indonesia (UTC+07:00)', value: 'Asia/Jakarta' },
		{
			name: 'Mexico (UTC−05:00 All Year, Only Accounts Set Up So)',
			value: 'Etc/GMT+5',
			description:
				'A fixed UTC−05:00 all year, for AIRudder accounts set up with it (the docs list it). Not a summer time: do not switch to it by season.',
		},
		{
			name: 'Mexico (UTC−06:00 All Year)',
			value: 'America/Mexico_City',
			description:
				'Mainland Mexico (Mexico City): UTC−06:00 all year, no daylight saving time since 2022',
		},
		{ name: 'Philippines (UTC+08:00)', value: 'Asia/Manila' },
		{ name: "Workflow's Time Zone", value: 'workflow' },
	],
	description: "Your AIRudder account's time zone; the times entered here are converted to it",
};

/**
 * Appended to the description of every date/time field the account time zone converts: which zone
 * a time without an offset is read in, and that an ISO 8601 time with an offset is exact
 * (`parseDateTime` in helpers/time.ts).
 */
export const TIME_FIELD_HINT =
	"A time without an offset (as the date picker stores it) is read in the workflow's time zone (workflow settings), then converted to the Account Time Zone. An ISO 8601 time with an offset, e.g. 2026-12-01T09:00:00+08:00, is taken as that instant.";

/** The IANA zone chosen in `accountTimeZone` (the workflow's zone for "workflow"). */
export function accountTimeZone(this: IExecuteFunctions, itemIndex = 0): string {
	const choice = this.getNodeParameter('accountTimeZone', itemIndex, 'workflow') as string;
	return choice === 'workflow' ? this.getTimezone() : choice;
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The account time zone. AIRudder reads schedule/end times as wall time in the ACCOUNT's zone;
 * the docs name Philippines +08:00, Indonesia +07:00, India +05:30, Mexico −06:00/−05:00.
 */
export const accountTimeZoneProperty: INodeProperties = {
	displayName: 'Account Time Zone',
	name: 'accountTimeZone',
	type: 'options',
	default: 'Asia/Manila',
	options: [
		{ name: 'India (UTC+05:30)', value: 'Asia/Kolkata' },
		{ name: 'Indonesia (UTC+07:00)', value: 'Asia/Jakarta' },
		{ name: 'Mexico (UTC−06:00 Winter / UTC−05:00 Summer)', value: 'America/Mexico_City' },
		{ name: 'Philippines (UTC+08:00)', value: 'Asia/Manila' },
		{ name: "Workflow's Time Zone", value: 'workflow' },
	],
	description: "Your AIRudder account's time zone; the times entered here are converted to it",
};

/** The IANA zone chosen in `accountTimeZone` (the workflow's zone for "workflow"). */
export function accountTimeZone(this: IExecuteFunctions, itemIndex = 0): string {
	const choice = this.getNodeParameter('accountTimeZone', itemIndex, 'workflow') as string;
	return choice === 'workflow' ? this.getTimezone() : choice;
}

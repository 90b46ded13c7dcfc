/**
 * AIRudder's PDS result codes (envelope `code`; 0 = success): the 63-row table as a production
 * client of the PDS keeps it (no AIRudder doc page publishes it). Codes 1 and -1 are that
 * client's own (1: its fallback when `code` is missing; -1: origin unclear).
 */
const TABLE: ReadonlyArray<readonly [number, string, string]> = [
	[0, 'success', 'Success (placeholder in ERROR_MAPPING_CODE).'],
	[
		1,
		'AI Rudder not returning error_code param',
		'response json can be not provided error_code or maybe return is not json format',
	],
	[-1, 'Internal error', 'CreateTaskAPI request marsh error'],
	[10201, 'Internal error', 'There is an internal service error.'],
	[10301, 'Invalid app key', 'Invalid appkey, please contact AI Rudder team.'],
	[10302, 'Account verification failed', 'User information verification failed.'],
	[10501, 'Task creation failed', 'Task creation failed.'],
	[10502, 'TaskID is null', 'TaskID is empty.'],
	[10503, 'Callback url is null', 'Callback url is empty.'],
	[10504, 'Invalid callback url', 'Invalid callback url.'],
	[10505, 'ContactList is null', 'Contact list is empty.'],
	[10506, 'Task is not found', 'Task is not found.'],
	[10507, 'Task has not been executed', 'Task has not been executed.'],
	[10508, 'Task Name is duplicated', 'Duplicate task names.'],
	[
		10509,
		'The scheduled start time can not be earlier than the current time',
		'The scheduled task start time is earlier than the current time.',
	],
	[
		10510,
		'Incorrect phone number',
		'Incorrect phone number format. The correct format should start with + and not exceed 14 digits.',
	],
	[10511, 'The group is not found.', 'The skill group is not found.'],
	[10512, 'The groupName is null.', 'The groupName is empty.'],
	[10513, 'Task has finished.', 'Task has finished.'],
	[10514, 'Task has not started yet.', 'Task has not started yet.'],
	[10515, 'Task has not finished.', 'Task has not finished.'],
	[10516, 'No recordings for the task.', 'Task does not have any recording.'],
	[10517, 'Invalid privateData [Data]', 'Invalid user private data, e.g. it has incorrect length.'],
	[
		10518,
		'Invalid TaskName',
		'Invalid task name (non-alphanumeric and underscore characters present)',
	],
	[10519, 'Copied task is empty.', 'The copied task name is empty.'],
	[10520, 'Incorrect Task Pause Time', 'Task pause time is not in correct format.'],
	[10521, 'invalid RepeatTimes', 'repeatTimes is invalid.'],
	[10522, 'invalid BulkCallInterval', 'bulkCallInterval is invalid.'],
	[10523, 'invalid Voicemail Config', 'Voicemail configuration is invalid.'],
	[10524, 'invalid QA Config', 'QA configuration is invalid.'],
	[10525, 'invalid Max Lost Rate', 'The maximum lost rate is invalid.'],
	[10526, 'invalid Contact Number Interval', 'Dialing interval for multiple numbers is invalid.'],
	[
		10527,
		'This task cannot be added to the list',
		'No more contacts can be added after the task is created.',
	],
	[10550, 'Invalid agentName', 'The name of the agent is invalid.'],
	[10551, 'agentName is not in the group', 'The agent does not belong to the group.'],
	[
		10605,
		'The task is not in the status of NOT Started',
		'The task is not in the status of NOT Started.',
	],
	[10606, 'Check Task failed', 'Check task failed.'],
	[10607, 'Check TaskDetail failed', 'Failed to check task details.'],
	[10608, 'CallID is null', 'Call ID is empty.'],
	[10609, 'CallID is invalid', 'Call ID is invalid.'],
	[10610, 'CallID can’t be verified', 'Call ID cannot be verified.'],
	[10611, 'The call of the CallID is not finished', 'Call has not finished.'],
	[
		10612,
		'The call of the CallID is not talked',
		'The call of the Callid is not answered by the agent.',
	],
	[10613, 'The task is not in the status of Running', 'The task is not in the status of Running.'],
	[10614, 'The task is not in the status of Paused', 'The task is not in the status of Paused.'],
	[10617, 'No customer info configured', 'Customer information is not configured.'],
	[
		10618,
		'The PhoneNumber field of customer info is not configured',
		'The PhoneNumber field of customer info is not configured.',
	],
	[
		10620,
		'At least 5 minutes between task start time and task end time',
		'Task end time should be at least 5 minutes later than task start time.',
	],
	[
		10621,
		'Task start time and task end time must be on the same day',
		'Task start time and task end time must be on the same day.',
	],
	[10702, 'TaskID is invalid', 'Invalid Task ID, no corresponding task found.'],
	[10703, 'TaskID can’t be verified', 'TaskID cannot be verified.'],
	[
		10704,
		'The workflow task cannot perform this operation',
		'Workflow tasks cannot be copied, started, paused, resumed, etc.',
	],
	[
		10705,
		'The number of queries exceeds the number limit',
		'The number of queries exceeds the number limit.',
	],
	[10801, 'Invalid username or password', 'Invalid username or password'],
	[10802, 'The role of user is not an agent', 'User’s role is not an Agent.'],
	[10803, 'The organization of the user is invalid', 'User’s organization is invalid.'],
	[10810, 'User token is empty', 'User Token is empty.'],
	[10811, 'User token parsing error', 'User Token parsing error.'],
	[10812, 'Invalid user token', 'Invalid user token'],
	[10813, 'Expired user token', 'Expired user token'],
	[10814, 'User is not found', 'User is not found.'],
	[10820, 'File doesn’t exist', 'File does not exist.'],
	[
		10901,
		'Voicemail configuration is not enabled',
		'The voicemail configuration of the company is not enabled.',
	],
];

/** A PDS code's `message` and `description` from the table. */
interface PdsCodeMeaning {
	message: string;
	description: string;
}

export const PDS_ERROR_CODES: ReadonlyMap<number, PdsCodeMeaning> = new Map(
	TABLE.map(([code, message, description]) => [code, { message, description }]),
);

/** A PDS code's short meaning from the table (`Invalid app key` for 10301), if it is in it. */
export function pdsCodeMeaning(code: unknown): string | undefined {
	const number = Number(code);
	if (code === '' || code === null || !Number.isFinite(number)) return undefined;
	return PDS_ERROR_CODES.get(number)?.message.replace(/\.$/, '');
}

/**
 * The sentence for a non-zero PDS `code`: `AIRudder PDS error 10510: Incorrect phone number —
 * Incorrect phone number format. …` for a code of the table; for any other code, the code with
 * AIRudder's own `message`/`status` text (`own`), marked as not in the table.
 * @param code the envelope's `code` (a number, a numeric string, or undefined when missing).
 */
export function describePdsCode(code: unknown, own?: string): string {
	const number = Number(code);
	const known = Number.isFinite(number) && code !== '' ? PDS_ERROR_CODES.get(number) : undefined;
	if (code === undefined || code === null)
		return `AIRudder PDS answered without a code${own ? `: ${own}` : ''}`;
	if (!known)
		return `AIRudder PDS error ${String(code)} (not in the PDS error table)${own ? `: ${own}` : ''}`;
	const description = known.description.replace(/\.$/, '');
	const same = description.toLowerCase() === known.message.replace(/\.$/, '').toLowerCase();
	return `AIRudder PDS error ${number}: ${known.message.replace(/\.$/, '')}${same ? '' : ` — ${description}`}`;
}

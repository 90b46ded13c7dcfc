import type { IDataObject } from 'n8n-workflow';

/**
 * A robot as a dropdown entry. The robot list's fields are not documented, so the ID is taken
 * from the first of RobotID / robot_id / id and the label from RobotName / robot_name / name.
 */
export function robotEntry(robot: IDataObject): { name: string; value: string } | undefined {
	const pick = (keys: string[]) =>
		keys.map((key) => robot[key]).find((v) => typeof v === 'string' || typeof v === 'number');
	const id = pick(['RobotID', 'robot_id', 'RobotId', 'id', 'ID']);
	if (id === undefined) return undefined;
	const label = pick(['RobotName', 'robot_name', 'name', 'Name']);
	return {
		name: label !== undefined ? `${String(label)} (${String(id)})` : String(id),
		value: String(id),
	};
}

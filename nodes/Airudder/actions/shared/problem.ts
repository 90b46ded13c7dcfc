/** One rule broken: the AIRudder field name and a sentence for the user. */
export interface Problem {
	field: string;
	message: string;
}

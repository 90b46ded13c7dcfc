import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** `cleanupParameterData` of n8n-core for one value: Luxon DateTimes held by an object become strings. */
function cleanupValue(value: unknown, inObject: boolean): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (inObject && (value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true)
		return String(value);
	if (Array.isArray(value)) value.forEach((entry) => cleanupValue(entry, false));
	else
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			const cleaned = cleanupValue(entry, true);
			if (cleaned !== entry) (value as IDataObject)[key] = cleaned as IDataObject[string];
		}
	return value;
}

/**
 * A per-item resolver of a raw parameter value that holds expressions, giving what
 * `getNodeParameter(name, itemIndex)` gives for parameters without `validateType` (none of ours has
 * one): constants are copied, each expression (`"=..."`) is evaluated by n8n for the item through
 * `evaluateExpression` (the same engine, data proxy and sandbox), and Luxon DateTimes inside
 * objects become strings as n8n-core's `cleanupParameterData` makes them. What it skips is
 * n8n's walk, copy and schema check of the whole parameter on every item.
 * @returns `(itemIndex) => value`, or undefined for a value that reads `$parameter` (its sibling
 *   parameters are only known to getNodeParameter): the caller then uses getNodeParameter.
 * @throws per item a NodeOperationError around n8n's ExpressionError (its message; the context names
 *   the parameter).
 */
export function parameterResolver(
	this: IExecuteFunctions,
	name: string,
	raw: unknown,
): ((itemIndex: number) => unknown) | undefined {
	if (JSON.stringify(raw).includes('$parameter')) return undefined;
	const compile = (value: unknown, inObject: boolean): ((itemIndex: number) => unknown) => {
		if (typeof value === 'string' && value.startsWith('=')) {
			const expression = value.slice(1);
			return (itemIndex) => {
				try {
					return cleanupValue(this.evaluateExpression(expression, itemIndex), inObject);
				} catch (error) {
					const context = (error as { context?: IDataObject }).context;
					if (context) context.parameter = name;
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
			};
		}
		if (Array.isArray(value)) {
			const entries = value.map((entry) => compile(entry, false));
			return (itemIndex) => entries.map((entry) => entry(itemIndex));
		}
		if (value !== null && typeof value === 'object') {
			const entries = Object.entries(value).map(
				([key, entry]) => [key, compile(entry, true)] as const,
			);
			return (itemIndex) => {
				const result: IDataObject = {};
				for (const [key, entry] of entries) result[key] = entry(itemIndex) as IDataObject[string];
				return result;
			};
		}
		return () => value;
	};
	return compile(raw, false);
}

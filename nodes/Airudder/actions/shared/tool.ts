import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Whether the node runs as an AI agent's tool (n8n's `<node type>Tool`, e.g.
 * `n8n-nodes-airudder.airudderTool`). n8n 2.x says so with `isToolExecution()`; n8n 1.x has no such
 * method, so the node type's `Tool` suffix, which n8n gives only to the tool form of a node, decides.
 */
export function runsAsTool(this: IExecuteFunctions): boolean {
	const context = this as IExecuteFunctions & { isToolExecution?: () => boolean };
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	return this.getNode().type.endsWith('Tool');
}

/** What an AI agent reads when an operation found nothing (n8n would hand it an empty list). */
export const EMPTY_TOOL_RESULT = 'No results: AIRudder answered, and nothing matched this request.';

/**
 * An operation's output as an AI agent's tool gets it: unchanged, except that no items at all
 * becomes one item `{ result: EMPTY_TOOL_RESULT }`, so that the model is told that nothing
 * matched (n8n's tool wrapper would send it `[]`). In a workflow the output is never changed:
 * an empty output there still means "no items" to the next node.
 */
export function toolOutput(
	this: IExecuteFunctions,
	output: INodeExecutionData[],
): INodeExecutionData[] {
	if (output.length > 0 || !runsAsTool.call(this)) return output;
	return [{ json: { result: EMPTY_TOOL_RESULT }, pairedItem: { item: 0 } }];
}

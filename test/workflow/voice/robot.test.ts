import { AIRUDDER_TYPE, airudderWorkflow, ROBOT_ID } from '../../support/airudder';
import { airudderSuite } from '../../support/suites';

describe('AIRudder node: Robot', () => {
	const env = airudderSuite();

	test('Robot dropdown (listSearch) lists the robots through the credential, filtered', async () => {
		const all = await env.harness.listSearch(AIRUDDER_TYPE, 'searchRobots', {
			resource: 'task',
			operation: 'create',
		});
		expect(all.results.map((r) => r.value)).toContain(ROBOT_ID);
		const filtered = await env.harness.listSearch(
			AIRUDDER_TYPE,
			'searchRobots',
			{ resource: 'task', operation: 'create' },
			{ filter: 'robot 2' },
		);
		expect(filtered.results).toHaveLength(1);
	});

	test('Robot → Get Many honours Limit', async () => {
		const result = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: false, limit: 2 }),
		);
		expect(result.output('AIRudder')).toHaveLength(2);
	});
});

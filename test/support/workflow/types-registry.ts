import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

/**
 * `INodeTypes` over a fixed map `{ 'package.nodeName': instance }` — what n8n's `NodeTypes`
 * (packages/cli/src/node-types.ts) answers once `LoadNodesAndCredentials` has loaded the packages,
 * minus the CLI-only extras (tool variants, community-package loading).
 */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new UnexpectedError(
				`Unrecognized node type: ${nodeType} (known to the harness: ${Object.keys(this.types).join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}

	names(): string[] {
		return Object.keys(this.types);
	}
}

/** `ICredentialTypes` over the credential classes handed to the harness (keyed by their `name`). */
export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		private readonly nodeTypes: HarnessNodeTypes,
	) {
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	recognizes(credentialType: string): boolean {
		return this.types.has(credentialType);
	}

	getByName(credentialType: string): ICredentialType {
		const type = this.types.get(credentialType);
		if (!type) throw new UnexpectedError(`Unknown credential type: ${credentialType}`);
		return type;
	}

	/** Full node type names (`package.node`) whose description lists this credential type. */
	getSupportedNodes(type: string): string[] {
		const supported = this.nodeTypes.names().filter((name) => {
			const nodeType = this.nodeTypes.getByName(name);
			const versions =
				'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType as INodeType];
			return versions.some((v) => v.description.credentials?.some((c) => c.name === type));
		});
		const declared = this.types.get(type)?.supportedNodes ?? [];
		return [...new Set([...supported, ...declared])];
	}

	/** All ancestors through `extends`, nearest first (as the CLI's CredentialTypes does). */
	getParentTypes(typeName: string): string[] {
		const extendsArr = this.types.get(typeName)?.extends ?? [];
		return extendsArr.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

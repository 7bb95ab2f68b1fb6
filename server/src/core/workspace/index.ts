/**
 * The workspace: template summaries, the WorkflowTemplate index, call resolution across files, and the
 * cluster inventory (what the cluster has, for the cluster rules).
 */
export {
  summarizeTemplate,
  indexDocument,
  MapWorkspaceIndex,
  type TemplateSummary,
  type InputParameterSummary,
  type InputArtifactSummary,
  type IndexedWorkflowTemplate,
  type WorkspaceIndex,
} from './template-summary';
export { indexText, indexTexts } from './index-texts';
export { resolveCall, LayeredIndex, type CallTarget } from './resolve-call';
export { toClusterInventory, type ClusterInventory, type InventoryKind } from './cluster-inventory';

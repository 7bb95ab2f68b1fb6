import type { ArgoDocumentModel } from '../model/types';
import type { YamlAccess } from '../model/yaml-access';
import type { Fix, Range, RelatedInfo, Severity } from '../types';
import type { ClusterInventory } from '../workspace/cluster-inventory';
import type { WorkspaceIndex } from '../workspace/template-summary';

export type RuleFamilyName =
  'yaml' | 'schema' | 'metadata' | 'spec' | 'templates' | 'dag' | 'steps' | 'references' | 'arguments' | 'loops' | 'variables' | 'cron' | 'helm';

/** Static facts about one rule: its stable code, default severity and one-line doc. */
export interface RuleMeta {
  readonly code: string;
  readonly severity: Severity;
  readonly family: RuleFamilyName;
  readonly description: string;
  /** A short YAML snippet that triggers the rule (for the README). */
  readonly example: string;
}

export interface ReportExtras {
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedInfo[];
}

export interface RuleContext {
  readonly text: string;
  readonly model: ArgoDocumentModel;
  readonly y: YamlAccess;
  /** WorkflowTemplates / ClusterWorkflowTemplates of this file and the workspace. */
  readonly workspace: WorkspaceIndex;
  /** All Argo documents of this file (for cross-document checks). */
  readonly siblings: readonly ArgoDocumentModel[];
  /** What the connected cluster has in its namespace, when the editor is connected. */
  readonly inventory?: ClusterInventory;
  report(code: string, range: Range, message: string, extras?: ReportExtras): void;
}

/** A module of related checks. */
export interface RuleFamily {
  readonly name: RuleFamilyName;
  readonly rules: readonly RuleMeta[];
  check(ctx: RuleContext): void;
}

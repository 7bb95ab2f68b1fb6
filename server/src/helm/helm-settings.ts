/** How Helm chart templates are rendered (settings `argoStudio.helm.*`, CLI `--helm`, `--helm-values`). */
export interface HelmSettings {
  /** The helm binary; empty or absent: `helm` on PATH; "off": never render (the masked mode). */
  readonly path?: string;
  /** Values files given to `helm template -f`, relative to the chart (the chart's values.yaml is always read first). */
  readonly valuesFiles?: readonly string[];
  /** Longest a render may take before it is stopped (default 10 s). */
  readonly timeoutMs?: number;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 10_000;

#!/usr/bin/env bash
# Builds the real Helm for the tests that render chart templates (test/cli/helm-lint.test.ts, ...):
# helm.sh/helm/v4/cmd/helm at the pinned version, from the Go module proxy, cached in
# ~/.cache/argo-studio/helm-<version> (scripts/helm-setup.sh). Needs Go.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "ci: helm ($(scripts/helm-setup.sh))"

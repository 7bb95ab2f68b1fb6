#!/usr/bin/env bash
# CI: builds the real cluster (kube-apiserver, etcd, Argo workflow-controller and argo CLI from pinned Go
# module versions, cached in ~/.cache/argo-studio/real-cluster) and runs the real-cluster suite
# (npm run test:real-cluster) with CI=true, so nothing in it may skip. See docs/real-cluster.md.
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$SECONDS
echo "ci: real-cluster build (cold ~30 min on 2 cores, seconds when cached)"
timeout -k 30 3000 bash scripts/real-cluster/build.sh all
echo "ci: real-cluster build took $((SECONDS - t0)) s"

t1=$SECONDS
echo "ci: test:real-cluster"
CI=true timeout -k 30 1200 npm run test:real-cluster
echo "ci: test:real-cluster took $((SECONDS - t1)) s"

t2=$SECONDS
echo "ci: test:e2e:real-cluster (journeys 4 and 5 in real VS Code against the real cluster)"
CI=true timeout -k 30 900 npm run test:e2e:real-cluster
echo "ci: test:e2e:real-cluster took $((SECONDS - t2)) s"

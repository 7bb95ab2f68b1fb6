// The client suite of client-suite.ts against a real kube-apiserver, etcd and Argo workflow-controller
// with the fake kubelet (built by `npm run real-cluster:build`; run with `npm run test:real-cluster`).
import { realClusterSkip } from '../real-cluster/binaries';
import { startRealBackend } from './real-backend';
import { defineClientSuite } from './client-suite';

defineClientSuite(startRealBackend, realClusterSkip());

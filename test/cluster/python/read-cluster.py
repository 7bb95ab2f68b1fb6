# Reads the emulator through the official Kubernetes Python client (Debian python3-kubernetes), whose
# typed models reject objects that miss required fields. Prints one JSON summary on stdout.
# usage: /usr/bin/python3 read-cluster.py KUBECONFIG NAMESPACE WORKFLOW PENDING_POD
import json
import sys

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

kubeconfig, ns, wf_name, pending_pod = sys.argv[1:5]
config.load_kube_config(config_file=kubeconfig)
core = client.CoreV1Api()
custom = client.CustomObjectsApi()
out = {}

namespaces = core.list_namespace()
out["namespaces"] = sorted(n.metadata.name for n in namespaces.items)

pods = core.list_namespaced_pod(ns, label_selector="workflows.argoproj.io/workflow=" + wf_name)
out["listResourceVersion"] = pods.metadata.resource_version
out["pods"] = []
for p in pods.items:
    main = next(c for c in p.status.container_statuses if c.name == "main")
    term = main.state.terminated
    out["pods"].append({
        "name": p.metadata.name,
        "nodeId": p.metadata.annotations["workflows.argoproj.io/node-id"],
        "nodeName": p.metadata.annotations["workflows.argoproj.io/node-name"],
        "owner": p.metadata.owner_references[0].kind,
        "phase": p.status.phase,
        "containers": [c.name for c in p.spec.containers],
        "initContainers": [c.name for c in p.spec.init_containers],
        "mainExitCode": term.exit_code if term else None,
        "mainReason": term.reason if term else None,
    })
out["pods"].sort(key=lambda p: p["nodeName"])

first = out["pods"][0]["name"]
out["log"] = core.read_namespaced_pod_log(first, ns, container="main")
out["logTimestamps"] = core.read_namespaced_pod_log(first, ns, container="main", timestamps=True)
out["logTail"] = core.read_namespaced_pod_log(first, ns, container="main", tail_lines=1)
single = core.read_namespaced_pod(first, ns)
out["podIP"] = single.status.pod_ip

errors = {}
for label, pod, container in [("missing", "no-such-pod", "main"), ("pending", pending_pod, "main"), ("noContainer", first, None)]:
    try:
        if container:
            core.read_namespaced_pod_log(pod, ns, container=container)
        else:
            core.read_namespaced_pod_log(pod, ns)
        errors[label] = None
    except ApiException as e:
        body = json.loads(e.body)
        errors[label] = {"status": e.status, "reason": body.get("reason"), "message": body.get("message"), "kind": body.get("kind")}
out["errors"] = errors

w = watch.Watch()
events = []
for ev in w.stream(core.list_namespaced_pod, ns, label_selector="workflows.argoproj.io/workflow=" + wf_name, timeout_seconds=1):
    events.append([ev["type"], ev["object"].metadata.name, type(ev["object"]).__name__])
out["watch"] = sorted(events)

wf = custom.get_namespaced_custom_object("argoproj.io", "v1alpha1", ns, "workflows", wf_name)
out["workflow"] = {"phase": wf["status"]["phase"], "progress": wf["status"]["progress"], "nodes": len(wf["status"]["nodes"])}
print(json.dumps(out))

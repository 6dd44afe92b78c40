#!/usr/bin/env python3
"""Extracts the structural part of botocore's service models for the AWS simulator.

Reads botocore's data/<service>/<version>/service-2.json(.gz) and writes
packages/aws-sim/models/<service>.json: metadata, the operations the simulator implements (input,
output, declared errors), every shape reachable from them with its validation traits, and the
names of all operations of the service. Documentation text is dropped. Output is deterministic
(sorted keys), so a re-extract with the same botocore version changes nothing.

Usage: python3 scripts/extract-aws-models.py [--check]
  --check  exit 1 if a committed model differs from what this botocore would produce.
"""

import gzip
import json
import os
import sys

import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "packages", "aws-sim", "models")

# botocore data directory -> operations to keep: what the simulator's operation tables implement
# (packages/aws-sim/src/*/operations.ts, cloudwatch in src/cloudwatch/operations.ts;
# test/model-check.test.ts fails when they drift apart).
SERVICES = {
    "ecs": [
        "CreateCluster", "DescribeClusters", "ListClusters", "DeleteCluster",
        "RegisterTaskDefinition", "DescribeTaskDefinition", "DeregisterTaskDefinition",
        "ListTaskDefinitions", "ListTaskDefinitionFamilies",
        "CreateService", "UpdateService", "DescribeServices", "ListServices", "DeleteService",
        "ListTasks", "DescribeTasks", "RunTask", "StopTask",
        "ListServiceDeployments", "DescribeServiceDeployments", "DescribeServiceRevisions",
        "StopServiceDeployment",
        "TagResource", "UntagResource", "ListTagsForResource",
    ],
    "ecr": [
        "CreateRepository", "DescribeRepositories", "DeleteRepository", "GetAuthorizationToken",
        "BatchGetImage", "PutImage", "BatchDeleteImage", "DescribeImages", "ListImages",
    ],
    "sts": ["GetCallerIdentity"],
    "elbv2": ["DescribeTargetHealth", "DescribeTargetGroups"],
    "logs": [
        "CreateLogGroup", "CreateLogStream", "DescribeLogGroups", "DescribeLogStreams",
        "GetLogEvents", "FilterLogEvents", "PutLogEvents",
    ],
    "cloudwatch": ["DescribeAlarms", "PutMetricAlarm", "SetAlarmState", "DeleteAlarms"],
}

METADATA_KEYS = (
    "apiVersion", "endpointPrefix", "jsonVersion", "protocol", "protocols", "serviceId",
    "signatureVersion", "signingName", "targetPrefix", "uid", "xmlNamespace", "awsQueryCompatible",
)
# Traits of a shape that matter for validation or for the wire (awsQuery names, error codes).
SHAPE_KEYS = (
    "type", "required", "enum", "min", "max", "pattern", "flattened", "exception", "fault",
    "error", "timestampFormat", "document", "union", "locationName",
)
MEMBER_KEYS = ("shape", "locationName", "flattened", "xmlNamespace", "xmlAttribute",
               "timestampFormat", "location", "queryName")


def model_path(service):
    data = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(os.listdir(data))[-1]
    base = os.path.join(data, version, "service-2.json")
    path = base if os.path.exists(base) else base + ".gz"
    return path, os.path.relpath(path, os.path.dirname(botocore.__file__))


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def pick(source, keys):
    return {k: source[k] for k in keys if k in source}


def ref(r):
    return pick(r, ("shape", "locationName", "resultWrapper"))


def shape_refs(shape):
    for m in shape.get("members", {}).values():
        yield m["shape"]
    for k in ("member", "key", "value"):
        if k in shape:
            yield shape[k]["shape"]


def extract(service, ops):
    path, rel = model_path(service)
    model = load(path)
    shapes = model["shapes"]
    operations = {}
    todo = []
    for name in ops:
        op = model["operations"][name]
        out = {}
        for k in ("input", "output"):
            if k in op:
                out[k] = ref(op[k])
                todo.append(op[k]["shape"])
        out["errors"] = sorted(e["shape"] for e in op.get("errors", []))
        todo.extend(out["errors"])
        operations[name] = out
    kept = {}
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        src = shapes[name]
        shape = pick(src, SHAPE_KEYS)
        if "members" in src:
            shape["members"] = {m: pick(r, MEMBER_KEYS) for m, r in src["members"].items()}
        for k in ("member", "key", "value"):
            if k in src:
                shape[k] = pick(src[k], MEMBER_KEYS)
        kept[name] = shape
        todo.extend(shape_refs(src))
    return {
        "header": {
            "generatedBy": "scripts/extract-aws-models.py",
            "botocoreVersion": botocore.__version__,
            "source": rel.replace(os.sep, "/"),
        },
        "metadata": pick(model["metadata"], METADATA_KEYS),
        "allOperations": sorted(model["operations"]),
        "operations": operations,
        "shapes": kept,
    }


PRINT_WIDTH = 100  # .prettierrc: the files are written exactly as `prettier --check` wants them


def render(doc):
    """Sorted keys; objects always expanded, lists of scalars on one line when they fit."""
    return _value(doc, 0, 0, False) + "\n"


def _value(value, indent, used, comma):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = sorted(value.items())
        lines = [
            f"{pad}  {json.dumps(k, ensure_ascii=False)}: "
            + _value(v, indent + 1, len(pad) + 4 + len(json.dumps(k, ensure_ascii=False)),
                     i < len(items) - 1)
            + ("," if i < len(items) - 1 else "")
            for i, (k, v) in enumerate(items)
        ]
        return "{\n" + "\n".join(lines) + "\n" + pad + "}"
    if isinstance(value, list):
        parts = [json.dumps(v, ensure_ascii=False) for v in value]
        flat = "[" + ", ".join(parts) + "]"
        if used + len(flat) + (1 if comma else 0) <= PRINT_WIDTH:
            return flat
        return "[\n" + ",\n".join(f"{pad}  {p}" for p in parts) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def main(argv):
    check = "--check" in argv
    os.makedirs(OUT_DIR, exist_ok=True)
    stale = []
    for service, ops in SERVICES.items():
        text = render(extract(service, ops))
        target = os.path.join(OUT_DIR, service + ".json")
        if check:
            try:
                with open(target, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(target)
            except FileNotFoundError:
                stale.append(target)
            continue
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{os.path.relpath(target, ROOT)}: {len(ops)} operations, "
              f"{text.count(chr(10))} lines (botocore {botocore.__version__})")
    if stale:
        print("stale models (re-run scripts/extract-aws-models.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

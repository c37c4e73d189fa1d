"""The CI recipe of .github/workflows: valid for GitHub Actions, and running only what the Makefile has."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from spec_runner import PROJECT

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
SHARDED = PROJECT / ".github" / "workflows" / "tests-in-shards.yml"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_a_workflow_follows_github_actions_schema(workflow: Path) -> None:
    # check-jsonschema's copy of the schema GitHub publishes: no download.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_shards_of_the_recipe_are_as_many_as_it_deals_and_run_targets_of_the_makefile() -> None:
    workflow = YAML(typ="safe").load(SHARDED.read_text())
    matrix = workflow["jobs"]["shard"]["strategy"]["matrix"]
    count = workflow["env"]["SHARDS"]
    assert matrix["shard"] == list(range(1, count + 1))
    targets = [entry["target"] for entry in matrix["include"]] + ["test-harness"]
    for target in targets:
        # -n: what make would run, without running it; an unknown target or a refused SHARD fails.
        dry_run = ["make", "-n", target, f"SHARD={count}/{count}"]
        result = subprocess.run(dry_run, cwd=PROJECT, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert target == "test-harness" or f"--shard={count}/{count}" in result.stdout

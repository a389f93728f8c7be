"""site_tools/ci_local.py (`make ci-local`): the workflow's own steps, in its order, run here."""

from __future__ import annotations

import yaml

from harness import ROOT
from site_tools.ci_local import Step, command_for, github_env, steps

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))


def test_the_steps_are_the_build_job_s_in_order():
    found = steps(WORKFLOW)
    raw = WORKFLOW["jobs"]["build"]["steps"]
    assert [s.name for s in found] == [s["name"] for s in raw]
    runs = [s.run for s in found if s.run]
    assert runs == [s["run"] for s in raw if "run" in s]
    assert runs[-1].startswith("make test")
    packages = next(s for s in found if s.run and "system-packages" in s.run)
    assert packages.timeout_minutes == 15
    assert {s.uses for s in found if s.uses} >= {"actions/checkout", "actions/setup-python"}


def test_env_comes_from_the_workflow_the_job_and_the_step():
    workflow = {
        "env": {"A": "workflow", "B": "workflow"},
        "jobs": {"build": {"env": {"B": "job"}, "steps": [{"run": "x", "env": {"C": 1}}]}},
    }
    assert steps(workflow)[0].env == {"A": "workflow", "B": "job", "C": "1"}


def test_sudo_is_dropped_only_for_root_without_sudo():
    step = Step(name="packages", run="sudo bash .ci/system-packages\necho sudo stays")
    assert command_for(step, True, False) == "bash .ci/system-packages\necho sudo stays"
    assert command_for(step, True, True) == step.run
    assert command_for(step, False, False) == step.run


def test_the_job_sees_what_github_gives_it(tmp_path):
    env = github_env(tmp_path, "acme/keras-cookbook")
    assert env["CI"] == "true"
    assert env["GITHUB_ACTIONS"] == "true"
    assert env["GITHUB_REPOSITORY"] == "acme/keras-cookbook"
    assert env["GITHUB_WORKSPACE"] == str(tmp_path)

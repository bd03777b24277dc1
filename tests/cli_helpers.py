"""Run the installed `harmattan` command as a user would: a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HARMATTAN = str(Path(sys.executable).with_name("harmattan"))
# A wide virtual terminal, so that rich tables do not wrap the words tests look for.
WIDTH = "200"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run `harmattan ARGS`, capturing text output; never raises on a non-zero exit."""
    return subprocess.run(
        [HARMATTAN, *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": WIDTH},
        timeout=300,
        check=False,
    )

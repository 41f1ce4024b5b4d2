"""Create the project's virtual environment and run inside it, using only the standard library.

``python3 -m openprofile <command>`` works on a machine that has nothing but Python 3.11: the
first call creates ``.venv`` in the project root, installs the project with its pinned
dependencies (``pip install -e .[dev]``) and re-runs the same command with the environment's
interpreter. Later calls reuse the environment; it is reinstalled when ``pyproject.toml``
changes (a hash of it is kept in ``.venv/openprofile-installed``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENV_DIR = PROJECT_ROOT / ".venv"
STAMP_FILE = VENV_DIR / "openprofile-installed"
REQUIRED_PYTHON = (3, 11)


def venv_python(venv_dir: Path = VENV_DIR) -> Path:
    """Path of the interpreter inside ``venv_dir`` (POSIX or Windows layout)."""
    unix = venv_dir / "bin" / "python"
    return unix if unix.exists() or os.name != "nt" else venv_dir / "Scripts" / "python.exe"


def _requirements_hash() -> str:
    return hashlib.sha256((PROJECT_ROOT / "pyproject.toml").read_bytes()).hexdigest()


def _running_in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV_DIR.resolve()


def ensure_environment() -> None:
    """Make sure the command runs in the project's up-to-date virtual environment.

    Returns normally when the current interpreter already is that environment's and its
    install is current; otherwise creates/updates ``.venv`` and replaces the current process
    with the same command run by the environment's interpreter (``os.execv``; never returns).

    Raises:
        SystemExit: the running Python is not 3.11, or creating or installing the
            environment failed (pip's output is shown above the message).
    """
    stamp_ok = STAMP_FILE.exists() and STAMP_FILE.read_text().strip() == _requirements_hash()
    if _running_in_project_venv() and stamp_ok:
        return
    if sys.version_info[:2] != REQUIRED_PYTHON and not VENV_DIR.exists():
        raise SystemExit(
            f"OpenProfile needs Python {REQUIRED_PYTHON[0]}.{REQUIRED_PYTHON[1]} to create its "
            f"environment; this is {sys.version.split()[0]}. Run it with python3.11."
        )
    if not stamp_ok:
        if not venv_python().exists():
            print(f"openprofile: creating the virtual environment in {VENV_DIR}", flush=True)
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV_DIR)
        print("openprofile: installing the project and its pinned dependencies", flush=True)
        install = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check",
                   "--quiet", "-e", f"{PROJECT_ROOT}[dev]"]
        if subprocess.run(install, cwd=PROJECT_ROOT, check=False).returncode != 0:
            raise SystemExit("openprofile: installing the dependencies failed (see pip's output above).")
        STAMP_FILE.write_text(_requirements_hash() + "\n")
    python = str(venv_python())
    os.execv(python, [python, "-m", "openprofile", *sys.argv[1:]])

"""scripts/find-python: which Python `make` builds the venv with, on the machines county IT
offices have. Run with a PATH of stand-in interpreters, so that what this machine has installed
does not matter."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "find-python"


def stand_in(path: Path, *, version_matches=True, has_ensurepip=True, log: Path | None = None):
    """An executable that answers the script's checks as a Python would: `-c` code asking for
    the version exits 0 when it matches, `import ensurepip` exits 0 when venv could work."""
    body = ["#!/bin/sh"]
    if log:
        body.append(f'echo "$0 $*" >> {log}')
    body += [
        'case "$2" in',
        f"  *ensurepip*) exit {0 if has_ensurepip else 1} ;;",
        f"  *) exit {0 if version_matches else 1} ;;",
        "esac",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(body) + "\n")
    path.chmod(0o755)
    return path


def find(tmp_path, *versions, path_dirs=()):
    env = {
        "PATH": ":".join(str(d) for d in path_dirs) or str(tmp_path / "empty"),
        "HOME": str(tmp_path / "home"),
        "PYENV_ROOT": str(tmp_path / "pyenv"),
    }
    # The script itself needs bash and coreutils from the system.
    env["PATH"] += ":/usr/bin:/bin"
    return subprocess.run(  # noqa: S603 (the project's own script)
        [str(SCRIPT), *versions], env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def bin_dir(tmp_path):
    return tmp_path / "bin"


@pytest.fixture(autouse=True)
def _no_system_pythons():
    """The stand-ins must be the only candidates: skip where /usr/bin or /bin holds a supported
    Python (this machine's Debian 12 has only 3.11)."""
    for version in ("3.12", "3.13"):
        for folder in ("/usr/bin", "/bin"):
            if os.path.exists(f"{folder}/python{version}"):
                pytest.skip(f"{folder}/python{version} is installed on this machine")


def test_the_newest_supported_python_is_chosen(tmp_path, bin_dir):
    stand_in(bin_dir / "python3.12")
    newest = stand_in(bin_dir / "python3.13")

    result = find(tmp_path, path_dirs=[bin_dir])

    assert (result.returncode, result.stdout.strip()) == (0, str(newest))


def test_python_3_12_alone_is_accepted_and_a_version_can_be_asked_for(tmp_path, bin_dir):
    only = stand_in(bin_dir / "python3.12")

    assert find(tmp_path, path_dirs=[bin_dir]).stdout.strip() == str(only)
    stand_in(bin_dir / "python3.13")
    assert find(tmp_path, "3.12", path_dirs=[bin_dir]).stdout.strip() == str(only)


def test_pyenv_versions_are_found_and_its_shims_skipped(tmp_path):
    shim = stand_in(tmp_path / "pyenv" / "shims" / "python3.13")
    installed = stand_in(tmp_path / "pyenv" / "versions" / "3.13.0" / "bin" / "python3.13")

    result = find(tmp_path, path_dirs=[shim.parent])

    assert result.stdout.strip() == str(installed)


def test_a_binary_named_right_but_of_another_version_is_passed_over(tmp_path, bin_dir):
    stand_in(bin_dir / "python3.13", version_matches=False)
    real = stand_in(tmp_path / "other" / "python3.12")

    result = find(tmp_path, path_dirs=[bin_dir, real.parent])

    assert result.stdout.strip() == str(real)


def test_a_debian_python_without_its_venv_package_is_named(tmp_path, bin_dir):
    stand_in(bin_dir / "python3.13", has_ensurepip=False)

    result = find(tmp_path, path_dirs=[bin_dir])

    assert result.returncode == 1
    assert "sudo apt-get install python3.13-venv" in result.stderr


def test_with_none_installed_uv_installs_one(tmp_path, bin_dir):
    log = tmp_path / "uv.log"
    managed = stand_in(tmp_path / "home" / ".local" / "share" / "uv" / "python3.13")
    uv = bin_dir / "uv"
    uv.parent.mkdir(parents=True)
    uv.write_text(
        f'#!/bin/sh\necho "$*" >> {log}\n[ "$1 $2" = "python find" ] && echo {managed}\nexit 0\n'
    )
    uv.chmod(0o755)

    result = find(tmp_path, path_dirs=[bin_dir])

    assert (result.returncode, result.stdout.strip()) == (0, str(managed))
    assert log.read_text().splitlines() == [
        "python install 3.13",
        "python find --managed-python 3.13",
    ]


def test_with_none_installed_and_no_uv_it_says_what_to_run(tmp_path):
    result = find(tmp_path)

    assert (result.returncode, result.stdout) == (1, "")
    assert "Python 3.13 or 3.12" in result.stderr
    assert "pipx install uv" in result.stderr
    assert "sudo apt-get install python3.13-venv" in result.stderr

"""`make lint` fails on an import against the direction (pyproject.toml, [tool.importlinter]).

lint-imports runs on a copy of the project's packages, once as they are (it passes, so the copy
is faithful) and once for each import added against the direction (it fails, naming the import).
Imports inside functions count as much as those at the top of a module."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["root_packages"]


def python_only(folder, names):
    return [
        name
        for name in names
        if name == "__pycache__" or not (name.endswith(".py") or Path(folder, name).is_dir())
    ]


@pytest.fixture
def project(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [LINT_IMPORTS, "--no-cache", "--no-logo"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(folder)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_project_keeps_the_direction(project):
    result = lint_imports(project)
    assert result.returncode == 0, result.stdout + result.stderr


# (module added, its code, what lint-imports says)
AGAINST_THE_DIRECTION = [
    (
        "deputies/against.py",
        "def f():\n    from courses import models\n",
        "deputies is not allowed to import courses",
    ),
    (
        "materials/against.py",
        "from deputies import models\n",
        "materials is not allowed to import deputies",
    ),
    (
        "studysessions/against.py",
        "from courses.models import LessonPage\n",
        "studysessions is not allowed to import courses",
    ),
    (
        "quizzes/against.py",
        "def f():\n    from proposals import models\n",
        "quizzes is not allowed to import proposals",
    ),
    (
        "courses/against.py",
        "def f():\n    from certificates.services import issue_certificate\n",
        "courses is not allowed to import certificates",
    ),
    (
        "certificates/against.py",
        "from reports import selectors\n",
        "certificates is not allowed to import reports",
    ),
    (
        "audit/against.py",
        "from deputies.models import County\n",
        "audit.services is not allowed to import deputies",
    ),
    (
        "notifications/against.py",
        "from training_site import urls\n",
        "notifications is not allowed to import training_site",
    ),
    (
        "common/against.py",
        "def f():\n    from deputies.models import County\n",
        "common is not allowed to import deputies",
    ),
]


@pytest.mark.parametrize(("path", "code", "message"), AGAINST_THE_DIRECTION)
def test_an_import_against_the_direction_fails(project, path, code, message):
    (project / path).write_text(code, encoding="utf-8")
    # Imported by a module the contracts place (the audit log's writer, for audit/).
    if path.startswith("audit/"):
        with (project / "audit/services.py").open("a", encoding="utf-8") as services:
            services.write("\nfrom . import against  # noqa\n")
    result = lint_imports(project)
    assert result.returncode == 1
    assert message in result.stdout

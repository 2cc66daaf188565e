"""The layers of STYLE.md ("Layout") are checked by `make lint` with import-linter, from the
contracts in pyproject.toml. These tests run the same check on a copy of the package into which
an import against the order was written, and expect it to fail with the rule named: so a contract
that grew too permissive, or stopped being read, fails here."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

#: (module, line appended to it, what lint-imports must say). Function bodies count as much as
#: the top of a module.
AGAINST_THE_ORDER = [
    (
        "people/models.py",
        "from tsunagu.cases import models",
        "tsunagu.people is not allowed to import tsunagu.cases",
    ),
    (
        "sharing/services.py",
        "def _members():\n    from tsunagu.meetings.models import Attendee\n\n    return Attendee",
        "tsunagu.sharing is not allowed to import tsunagu.meetings",
    ),
    (
        "sharing/access.py",
        "from tsunagu.cases.models import Case as _Case",
        "tsunagu.sharing is not allowed to import tsunagu.cases",
    ),
    (
        "core/panels.py",
        "from tsunagu.accounts.models import User as _User",
        "tsunagu.core is not allowed to import tsunagu.accounts",
    ),
    (
        "meetings/selectors.py",
        "from tsunagu.referrals import selectors as _referrals",
        "tsunagu.meetings is not allowed to import tsunagu.referrals",
    ),
    (
        "audit/services.py",
        "from tsunagu.accounts import models as _accounts",
        "tsunagu.audit.services is not allowed to import tsunagu.accounts",
    ),
]


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own linter, on our own copy)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package (its Python modules) and of pyproject.toml, to write into."""
    shutil.copytree(
        ROOT / "tsunagu",
        tmp_path / "tsunagu",
        ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "locale"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_as_it_is_keeps_every_contract(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "said"), AGAINST_THE_ORDER)
def test_an_import_against_the_order_fails_the_lint(
    tree: Path, module: str, line: str, said: str
) -> None:
    path = tree / "tsunagu" / module
    path.write_text(path.read_text() + "\n\n" + line + "\n")
    result = _lint(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert said in result.stdout


def test_a_new_app_must_be_given_its_layer(tree: Path) -> None:
    (tree / "tsunagu" / "kiosk").mkdir()
    (tree / "tsunagu" / "kiosk" / "__init__.py").write_text("")
    result = _lint(tree)
    assert result.returncode == 1
    assert "The following modules are not listed as layers:\n\n- tsunagu.kiosk" in result.stdout

"""The product knows no benchmark and points at nothing outside itself.

Which app may import which is pinned by test_dependencies.py.
"""

import ast
import os
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCT = [
    "config",
    "accounts",
    "common",
    "partnerships",
    "councils",
    "groups",
    "records",
    "internships",
    "reports",
    "notifications",
    "audit",
    "demo",
]


def _imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level package of every import in a package's modules, per file."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_the_product_does_not_know_the_benchmark():
    assert "bench" not in settings.INSTALLED_APPS
    assert "bench" not in (ROOT / "config" / "urls.py").read_text()
    for package in PRODUCT:
        for path, names in _imported_packages(package).items():
            assert "bench" not in names, path
    # The packaged distribution: [tool.setuptools.packages.find] include = [...]
    include = re.search(r"^include = \[(.*)\]$", (ROOT / "pyproject.toml").read_text(), re.M)
    included = re.findall(r'"([^"]+)"', include.group(1))
    assert not [name for name in included if name.startswith("bench")]
    assert "demo*" in included
    assert "bench" in (ROOT / ".dockerignore").read_text().split()


def test_nothing_points_outside_the_project():
    # The names are built here so that this file does not match itself.
    outside = [name + ".md" for name in ("DESIGN", "API", "STYLE")] + [
        "../" + "shared",
        "/work" + "/",
    ]
    skipped = {".venv", ".git", "node_modules", "staticfiles", "media", "vendor", "__pycache__"}
    suffixes = {".py", ".md", ".html", ".txt", ".toml", ".yml", ".yaml", ".cfg", ".js", ".css"}
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [d for d in subdirectories if d not in skipped]
        for file in files:
            path = Path(directory) / file
            if path.suffix not in suffixes:
                continue
            text = path.read_text(errors="replace")
            for name in outside:
                assert name not in text, f"{path.relative_to(ROOT)} mentions {name}"

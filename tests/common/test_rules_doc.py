"""docs/rules.md lists every rule code the code raises, and no other."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {"tests", "bench", "docs", "static", "templates", "locale"}


def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` constants (the policy names its codes so)."""
    return {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def raised_codes() -> dict[str, str]:
    """Every code given to a RuleError (or to the policy's Failure), with where."""
    codes: dict[str, str] = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIPPED or parts[0].startswith(".") or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        strings = _module_strings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name not in ("RuleError", "Failure"):
                continue
            arg = node.args[0] if node.args else None
            arg = next((k.value for k in node.keywords if k.arg == "code"), arg)
            if isinstance(arg, ast.Constant):
                code = arg.value
            elif isinstance(arg, ast.Name) and arg.id in strings:
                code = strings[arg.id]
            else:
                continue  # a code passed through (Failure.error), counted where it is made
            codes.setdefault(code, f"{path.relative_to(ROOT)}:{node.lineno}")
    return codes


def api_layer_codes() -> set[str]:
    """Codes the API's exception handler writes itself (``"code": "in_use"``)."""
    return set(re.findall(r'"code": "([a-z_]+)"', (ROOT / "common" / "api.py").read_text()))


def documented_codes() -> set[str]:
    """Codes in the first column of the tables of docs/rules.md."""
    text = (ROOT / "docs" / "rules.md").read_text()
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M)) | set(
        re.findall(r"^\|[^\n]*\| `([a-z_]+)` \| \d{3} \|", text, re.M)
    )


def test_the_scan_finds_the_rules_it_should():
    codes = raised_codes()
    # A string literal, a policy constant, and codes from every area.
    assert {"capacity_full", "underage", "enterprise_name_taken", "council_exists"} <= set(codes)
    assert {"subject_required", "unknown_reminder_kind", "invalid_role"} <= set(codes)
    assert {"in_use", "conflict"} <= api_layer_codes()


def test_every_raised_code_is_documented():
    missing = {c: where for c, where in raised_codes().items() if c not in documented_codes()}
    assert not missing, f"add these codes to docs/rules.md: {missing}"


def test_every_documented_code_is_raised():
    stale = documented_codes() - set(raised_codes()) - api_layer_codes()
    assert not stale, f"docs/rules.md lists codes nothing raises: {sorted(stale)}"

"""The shape of the code: which app may import which.

The apps form layers. ``common`` and ``accounts`` are the base (they may use
each other) and import no area; ``notifications`` and ``audit`` serve the
areas and import none of them; every area imports only apps below it, so no
two areas lean on each other, and a new area lands on top. The import graph
is read from the source (every ``import`` statement, including those inside
functions), not from what happens to be loaded.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import itself and apps of lower layers only; the
# two base apps may also import each other.
LAYERS = [
    {"common", "accounts"},
    {"audit", "notifications"},
    {"partnerships"},
    {"councils", "internships"},
    {"groups", "practice", "campus", "records", "contracts", "allocation"},
    {"reports"},
    {"demo"},
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _modules() -> dict[str, Path]:
    modules = {}
    for app in LAYER_OF:
        package = ROOT / app
        if not (package / "__init__.py").exists():
            continue
        for path in package.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _owner(dotted: str) -> str | None:
    """The project module a dotted import name lands in, if any."""
    while dotted and dotted not in MODULES:
        dotted = dotted.rpartition(".")[0]
    return dotted or None


def _imports(name: str, path: Path) -> set[str]:
    found = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {owner for owner in map(_owner, found) if owner and owner != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    return found


def _service_and_its_task(component: list[str]) -> bool:
    """A service module and the Celery tasks module that runs it may import each other.

    An app's services may be a package (``partnerships.services.agreements``), so
    the circle can hold the package and its modules besides ``<app>.tasks``.
    """
    apps = {name.split(".")[0] for name in component}
    kinds = {name.split(".")[1] if "." in name else "" for name in component}
    return len(apps) == 1 and kinds == {"services", "tasks"}


def test_the_graph_is_read_from_every_app():
    assert {name.split(".")[0] for name in MODULES} == set(LAYER_OF)
    assert GRAPH["internships.services.placements"] >= {"internships.models", "partnerships.models"}


def test_the_exception_is_an_apps_services_and_its_own_tasks():
    assert _service_and_its_task(["notifications.services", "notifications.tasks"])
    assert _service_and_its_task(
        ["partnerships.services", "partnerships.services.agreements", "partnerships.tasks"]
    )
    assert not _service_and_its_task(["partnerships.services.agreements", "internships.tasks"])
    assert not _service_and_its_task(["partnerships.services", "partnerships.selectors"])
    assert not _service_and_its_task(
        ["partnerships.services", "partnerships.selectors", "partnerships.tasks"]
    )


def test_no_import_circle_except_a_service_and_its_own_task():
    circles = [c for c in _cycles() if not _service_and_its_task(c)]
    assert circles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    app = module.split(".")[0]
    level = LAYER_OF[app]

    def allowed(target: str) -> bool:
        other = target.split(".")[0]
        return other == app or LAYER_OF[other] < level or LAYER_OF[other] == level == 0

    upward = sorted(target for target in GRAPH[module] if not allowed(target))
    assert upward == [], f"{module} imports {upward}, which sit above or beside {app}"

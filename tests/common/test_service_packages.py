"""A module that became a package still offers every public name it had.

``partnerships.services``, ``internships.services``, ``councils.services`` and
``reports.documents`` are packages with one module per section; callers import
from the package, so each public name a section defines must be re-exported by
the package's ``__init__`` and listed in its ``__all__``.
"""

import ast
import importlib
import pkgutil

import pytest

PACKAGES = [
    "partnerships.services",
    "internships.services",
    "councils.services",
    "reports.documents",
]


def _public_names(path: str) -> set[str]:
    names = set()
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                names.update(e.id for e in elements if isinstance(e, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("package_name", PACKAGES)
def test_the_package_re_exports_every_public_name_of_its_sections(package_name):
    package = importlib.import_module(package_name)
    defined = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package_name}.{info.name}")
        for name in _public_names(module.__file__):
            assert name not in defined, f"{name} is defined in {defined.get(name)} and {info.name}"
            defined[name] = info.name
            assert getattr(package, name, None) is getattr(module, name), (
                f"{package_name}.{name} is not {package_name}.{info.name}.{name}"
            )
    assert sorted(package.__all__) == sorted(defined)


def test_callers_keep_the_old_imports():
    from internships.services import placement_create
    from partnerships import services
    from reports.documents import build_document

    assert services.agreement_create.__module__ == "partnerships.services.agreements"
    assert services.statuses_roll.__module__ == "partnerships.services.roll"
    assert placement_create.__module__ == "internships.services.placements"
    assert build_document.__module__ == "reports.documents.build"

"""The apps import in one direction and no two modules import each other, even inside a function.

Read from the source with ``ast`` (nothing is imported): every ``import`` counts, function-level ones too, except
those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Lowest first: an app may import the ones before it, never one after it. The shared helpers (factcheck.lib) and
# the API toolkit (factcheck.api: problems, schema, pagination…) are the ground floor.
LAYERS = [("factcheck.lib", "factcheck.api"), "history", "accounts", "claims", "sources", "publishing", "webhooks"]
PACKAGES = ["factcheck", "history", "accounts", "claims", "sources", "publishing", "webhooks"]
# Project wiring that sits above every app although it lives in factcheck/: settings, urls, celery, the project
# commands and the idempotency middleware (it stores its keys in accounts), listed in settings, imported by no app.
WIRING = ("factcheck.api.idempotency",)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        for sub in ast.iter_child_nodes(node):
            visit(sub)

    visit(tree)
    return found


def _graph() -> dict[str, set[str]]:
    files = [
        p
        for package in PACKAGES
        for p in (REPO / package).rglob("*.py")
        if "migrations" not in p.parts and "tests" not in p.parts
    ]
    modules = {_module_name(p): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        raw = _imports(ast.parse(path.read_text()), name, path.name == "__init__.py")
        graph[name] = {m for m in raw if m in modules and m != name and not name.startswith(m + ".")}
    return graph


def _layer(module: str) -> int | None:
    if module in WIRING:
        return None
    for i, layer in enumerate(LAYERS):
        for prefix in (layer,) if isinstance(layer, str) else layer:
            if module == prefix or module.startswith(prefix + "."):
                return i
    return None  # the project package itself (settings, urls, celery, commands) wires every app


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def strongconnect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            strongconnect(v)
    assert cycles == []


def test_apps_import_only_the_apps_below_them() -> None:
    upward = []
    for module, targets in _graph().items():
        here = _layer(module)
        if here is None:
            continue
        for target in targets:
            there = _layer(target)
            if there is None or there > here:  # no app imports the project wiring either
                upward.append(f"{module} -> {target}")
    assert sorted(upward) == []

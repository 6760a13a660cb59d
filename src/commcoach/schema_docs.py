"""Field descriptions for an exported JSON Schema, read from attribute docstrings on demand.

Our models document each field with a docstring under it (`name: str` then `\"\"\"...\"\"\"`).
pydantic can turn those into descriptions itself (`use_attribute_docstrings=True`), but it does so
by reading and parsing each class's source when the class is created: measured, about 100 ms of
every `commcoach check` process for 40 classes nobody asks the descriptions of. Only the schema
export (`commcoach scenarios schema`, for authors' editors) needs them, so it reads them here.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from pydantic import BaseModel


def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the docstring written under it, for `model` and its model bases."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            source = textwrap.dedent(inspect.getsource(cls))
        except (OSError, TypeError):
            continue
        tree = ast.parse(source)
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for statement, following in zip(body, body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from `model`'s fields, by class name (pydantic's $defs key)."""
    seen: dict[str, type[BaseModel]] = {}
    pending: list[Any] = [model]
    while pending:
        item = pending.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in seen:
                continue
            seen[item.__name__] = item
            pending.extend(field.annotation for field in item.model_fields.values())
        pending.extend(getattr(item, "__args__", ()))
    return seen


def _describe(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Fill `description` of each property of `schema` that has a docstring and none yet."""
    docs = attribute_docstrings(model)
    properties = schema.get("properties", {})
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in properties and name in docs:
            properties[key].setdefault("description", docs[name])


def schema_with_descriptions(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON Schema (by alias), each field described by its attribute docstring."""
    schema = model.model_json_schema(by_alias=True)
    models = _models_in(model)
    _describe(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        if name in models:
            _describe(definition, models[name])
    return schema

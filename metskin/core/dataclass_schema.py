"""Output serializers derived from frozen dataclasses, so the dataclass is the one description.

skinlab's result is a tree of dataclasses (``skinlab/result.py``). Writing its API schema out
again by hand gave five descriptions kept equal only by a test; here the schema is read from
the dataclasses themselves (djangorestframework-dataclasses maps names, types, ``Optional``,
lists, dicts, nested dataclasses and enums), and this module adds what skinlab's types say
that the library does not read:

- a field's words and bounds, from ``skinlab.fielddoc.described`` metadata;
- ``TypedDict`` shapes (a pixel box, a head pose) as small named components;
- a nested dataclass uses the serializer declared for it, so its component keeps its name;
- the component is named after its serializer (``ToneSchema``), described by the dataclass's
  docstring; an enum's values are their own labels.

Every field is required in the response: the served result comes from ``to_dict()`` of a
result rebuilt by ``from_dict()``, which fills in the defaults of older stored results, so
every field is always there.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any, ClassVar, TypeVar

from rest_framework import serializers
from rest_framework_dataclasses.field_utils import TypeInfo
from rest_framework_dataclasses.serializers import DataclassSerializer
from rest_framework_dataclasses.types import Dataclass

from skinlab import fielddoc

T = TypeVar("T", bound=Dataclass)

# The scalar types a TypedDict shape may hold, and the field each is served as.
_SCALAR_FIELDS: dict[type, type[serializers.Field]] = {
    bool: serializers.BooleanField,
    int: serializers.IntegerField,
    float: serializers.FloatField,
    str: serializers.CharField,
}


def field_kwargs(metadata: Mapping[str, object]) -> dict[str, Any]:
    """Serializer field keywords for a dataclass field's ``fielddoc.described`` metadata."""
    kwargs: dict[str, Any] = {}
    if fielddoc.DESCRIPTION in metadata:
        kwargs["help_text"] = metadata[fielddoc.DESCRIPTION]
    if fielddoc.MINIMUM in metadata:
        kwargs["min_value"] = metadata[fielddoc.MINIMUM]
    if fielddoc.MAXIMUM in metadata:
        kwargs["max_value"] = metadata[fielddoc.MAXIMUM]
    if fielddoc.LENGTH in metadata:
        kwargs["min_length"] = kwargs["max_length"] = metadata[fielddoc.LENGTH]
    return kwargs


@functools.cache
def typed_dict_serializer(shape: type) -> type[serializers.Serializer[Any]]:
    """A serializer for a ``TypedDict`` of scalars, named ``<Shape>Schema`` (one per shape:
    cached, so the schema sees one component, not one per field that uses it)."""
    required_keys: frozenset[str] = getattr(shape, "__required_keys__", frozenset())
    fields: dict[str, Any] = {}
    for name, hint in typing.get_type_hints(shape, include_extras=True).items():
        # A key's words and bounds ride on Annotated[int, described(...)], as a TypedDict
        # key has no dataclasses.field() to carry them.
        base, *extras = typing.get_args(hint) if typing.get_origin(hint) is Annotated else (hint,)
        if base not in _SCALAR_FIELDS:
            raise TypeError(f"{shape.__name__}.{name}: {hint} is not a scalar this schema serves")
        described = {
            k: v for extra in extras if isinstance(extra, Mapping) for k, v in extra.items()
        }
        kwargs = field_kwargs(described)
        fields[name] = _SCALAR_FIELDS[base](required=name in required_keys, **kwargs)
    attributes = {**fields, "__doc__": inspect.getdoc(shape), "__module__": __name__}
    return type(f"{shape.__name__}Schema", (serializers.Serializer,), attributes)


class DerivedSerializer(DataclassSerializer[T]):
    """A dataclass's serializer for the API schema: declare ``Meta.dataclass`` and nothing else.

    ``Meta.exclude`` leaves out what is never served; ``Meta.choices`` gives a ``str`` field the
    vocabulary the dataclass leaves as plain text (``{"source_format": SourceFormat.choices}``).
    """

    # Each dataclass's declared serializer, so a nested one is served as its named component.
    declared_for: ClassVar[dict[type, type[DerivedSerializer[Any]]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta: Any = getattr(cls, "Meta", None)
        dataclass = getattr(meta, "dataclass", None)
        if dataclass is None:
            return
        names = {f.name for f in dataclasses.fields(dataclass)}
        unknown = set(getattr(meta, "choices", {})) - names
        if unknown:  # a renamed field must fail here, not lose its vocabulary quietly
            raise TypeError(f"{cls.__name__}.Meta.choices names no field of it: {unknown}")
        DerivedSerializer.declared_for[dataclass] = cls
        if not hasattr(meta, "ref_name"):  # the component is named after the serializer
            meta.ref_name = cls.__name__
        if cls.__doc__ is None:
            cls.__doc__ = (inspect.getdoc(dataclass) or "").replace("``", "`") or None

    def create_field(self, field_name: str, extra_kwargs: dict[str, Any]) -> serializers.Field:
        described = self.dataclass_definition.fields[field_name].metadata
        created = super().create_field(field_name, {**field_kwargs(described), **extra_kwargs})
        created.required = True  # always served (see the module's docstring)
        return created

    def build_standard_field(self, field_name: str, type_info: TypeInfo) -> tuple[type, Any]:
        base = type_info.base_type
        if typing.is_typeddict(base):
            return typed_dict_serializer(base), {}
        choices = getattr(getattr(self, "Meta", None), "choices", {}).get(field_name)
        if choices is not None and base is str:
            return serializers.ChoiceField, {"choices": choices}
        return super().build_standard_field(field_name, type_info)

    def build_enum_field(self, field_name: str, type_info: TypeInfo) -> tuple[type, Any]:
        field_class, kwargs = super().build_enum_field(field_name, type_info)
        # Values as their own labels, as a plain ChoiceField of the values has them: the schema
        # names the enum the same (ENUM_NAME_OVERRIDES hash values and labels) and describes
        # each value by itself, not by a Python constant's name.
        vocabulary: type[Enum] = type_info.base_type
        kwargs["choices"] = [(member.value, member.value) for member in vocabulary]
        return field_class, kwargs

    def build_dataclass_field(self, field_name: str, type_info: TypeInfo) -> tuple[type, Any]:
        declared = DerivedSerializer.declared_for.get(type_info.base_type)
        if declared is None:  # a dataclass new to the result: named after it, still derived
            declared = derived_serializer(type_info.base_type)
        return declared, {"many": type_info.is_many}


@functools.cache
def derived_serializer(dataclass: type) -> type[DerivedSerializer[Any]]:
    """A serializer for a dataclass that has none declared, named ``<Dataclass>Schema``."""
    meta = type("Meta", (), {"dataclass": dataclass})
    return type(f"{dataclass.__name__}Schema", (DerivedSerializer,), {"Meta": meta})

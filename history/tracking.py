"""Capture of every write to a tracked model: ``save()``, ``delete()``, queryset ``update()``/``delete()``,
``bulk_update()`` and ``bulk_create()``.

Audit bookkeeping, not domain logic: the house rule "no logic in save() or signals" is about the domain; the
log must see writes whichever path makes them, including the bulk and queryset paths that Django's signals
(and so django-simple-history, django-auditlog and django-reversion) never see. django-pghistory sees them
through PostgreSQL triggers, but the embedded default is SQLite. So the rows are read before the write, in the
same transaction, and diffed against what the write left.

A model opts in with :class:`TrackedModel` and a manager built from :class:`TrackedQuerySet`, and may set
``history_fields`` (only these are logged), ``history_exclude`` (never logged) and ``history_links``
({"claim": lookup, "article": lookup} used to show an entry on a claim's or article's timeline) and
``history_created_fields`` (the values logged when a row is created).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction

from history import recorder

_M = TypeVar("_M", bound=models.Model)

ALWAYS_EXCLUDED = {"updated_at", "version"}


def tracked_fields(model: type[models.Model]) -> list[str]:
    """Attribute names (``article_id`` for a foreign key) of the fields the log follows."""
    wanted = getattr(model, "history_fields", None)
    excluded = ALWAYS_EXCLUDED | set(getattr(model, "history_exclude", ()))
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in excluded:
            continue
        if wanted is not None and field.name not in wanted:
            continue
        names.append(field.attname)
    return names


def _names_for(model: type[models.Model], fields: Iterable[str]) -> list[str]:
    """Tracked attribute names among the given field names (``article`` or ``article_id``)."""
    tracked = tracked_fields(model)
    result = []
    for name in fields:
        try:
            attname = model._meta.get_field(name).attname  # type: ignore[union-attr]
        except FieldDoesNotExist:  # update(**kwargs) with a bad name fails in Django itself, just after
            continue
        if attname in tracked:
            result.append(attname)
    return result


def _link_values(model: type[models.Model]) -> dict[str, str]:
    return {f"_link_{ref}": lookup for ref, lookup in getattr(model, "history_links", {}).items()}


def read_rows(model: type[models.Model], pks: Iterable[Any], fields: Sequence[str]) -> dict[Any, dict[str, Any]]:
    from django.db.models import F

    links = {alias: F(lookup) for alias, lookup in _link_values(model).items()}
    rows: dict[Any, dict[str, Any]] = {}
    pk_list = list(pks)
    for start in range(0, len(pk_list), 900):  # SQLite's limit on query parameters
        chunk = pk_list[start : start + 900]
        for row in model._base_manager.filter(pk__in=chunk).order_by().values("pk", *fields, **links):
            rows[row["pk"]] = row
    return rows


def _record_diffs(
    model: type[models.Model], before: dict[Any, dict[str, Any]], after: dict[Any, dict[str, Any]], fields: list[str]
) -> None:
    entries = []
    for pk, old in before.items():
        new = after.get(pk)
        if new is None:
            continue
        changes = recorder.diff(old, new, fields, model)
        if changes:
            action = _action_for(model, old, new)
            entries.append(recorder.entry(model, pk, action, changes, row=new))
    recorder.save_entries(entries)


def _action_for(model: type[models.Model], old: dict[str, Any], new: dict[str, Any]) -> str:
    """A soft delete or restore is logged as such, not as a mere change of ``deleted_at``."""
    if "deleted_at" in old:
        if old["deleted_at"] is None and new["deleted_at"] is not None:
            return "deleted"
        if old["deleted_at"] is not None and new["deleted_at"] is None:
            return "restored"
    return "changed"


def _created(model: type[models.Model], objs: Iterable[models.Model]) -> None:
    fields = tracked_fields(model)
    created_fields = getattr(model, "history_created_fields", None)
    if created_fields is not None:  # a big bulk import logs the essentials of each row, not every column
        fields = [f for f in fields if f in _names_for(model, created_fields)]
    objs = [obj for obj in objs if obj.pk is not None]
    rows = read_rows(model, [obj.pk for obj in objs], []) if getattr(model, "history_links", None) else {}
    entries = []
    for obj in objs:
        values = {name: getattr(obj, name) for name in fields}
        changes = [
            {"field": recorder.field_label(model, n), "old": None, "new": recorder.clip(v)}
            for n, v in values.items()
            if v not in (None, "")
        ]
        entries.append(recorder.entry(model, obj.pk, "created", changes, row=rows.get(obj.pk), label=str(obj)))
    recorder.save_entries(entries)


def _deleted(model: type[models.Model], rows: dict[Any, dict[str, Any]]) -> None:
    recorder.save_entries([recorder.entry(model, pk, "deleted", [], row=row) for pk, row in rows.items()])


def _plain(value: Any) -> Any:
    """``value`` as the database gives it back, for a literal; ``_UNKNOWN`` for an expression or another type."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)  # a TextChoices member reads back as its plain value
    if isinstance(value, int):
        return int(value)
    return _UNKNOWN


_UNKNOWN = object()


def _predicted_after(
    model: type[models.Model], before: dict[Any, dict[str, Any]], kwargs: dict[str, Any]
) -> dict[Any, dict[str, Any]] | None:
    """What an ``update(**kwargs)`` of plain strings, numbers, booleans and NULLs leaves in the rows read before it.

    Saves re-reading every row after a status change (the archiving worker makes two per page). None when a logged
    field gets an expression (``F("n") + 1``) or another type, or a relation changes (it may move a
    ``history_links`` lookup).
    """
    tracked = tracked_fields(model)
    new_values: dict[str, Any] = {}
    for name, value in kwargs.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if field.is_relation:
            return None
        if field.attname not in tracked:  # type: ignore[union-attr]  # not logged: any value will do
            continue
        plain = _plain(value)
        if plain is _UNKNOWN:
            return None
        try:
            new_values[field.attname] = field.to_python(plain)  # type: ignore[union-attr]  # "5" for a CharField
        except ValidationError:
            return None
    return {pk: {**row, **{k: v for k, v in new_values.items() if k in row}} for pk, row in before.items()}


class TrackedQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        fields = _names_for(self.model, kwargs)
        if not fields:
            return super().update(**kwargs)
        links = {alias: models.F(lookup) for alias, lookup in _link_values(self.model).items()}
        with transaction.atomic(using=self.db, savepoint=False):
            # One read of the rows the update is about to touch (their id, the logged fields and the timeline links).
            before = {row["pk"]: row for row in self.order_by().values("pk", *fields, **links)}
            count = super().update(**kwargs)
            after = _predicted_after(self.model, before, kwargs) if count == len(before) else None
            if after is None:  # an expression, or a concurrent write changed which rows matched: read what is there
                after = read_rows(self.model, list(before), fields)
            _record_diffs(self.model, before, after, fields)
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    # bulk_update() needs no override: Django runs it as one queryset update() per batch (CASE WHEN ...), so
    # update() above logs it, row by row, with the old and new values.

    def bulk_create(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> list[_M]:
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            _created(self.model, created)
        return created

    bulk_create.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            rows = read_rows(self.model, list(self.values_list("pk", flat=True)), [])
            result = super().delete()
            _deleted(self.model, rows)
        return result

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


TrackedManager = models.Manager.from_queryset(TrackedQuerySet)


class TrackedModel(models.Model):
    """Logs ``save()`` (created, or the fields that changed) and ``delete()``."""

    history_links: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        model = type(self)
        fields = tracked_fields(model)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            fields = [f for f in fields if f in _names_for(model, update_fields)]
        adding = self._state.adding or self.pk is None
        using = kwargs.get("using") or self._state.db or "default"
        with transaction.atomic(using=using, savepoint=False):
            before = {} if adding else read_rows(model, [self.pk], fields)
            super().save(*args, **kwargs)
            if adding or self.pk not in before:
                _created(model, [self])
            else:
                _record_diffs(model, before, read_rows(model, [self.pk], fields), fields)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        model = type(self)
        with transaction.atomic(using=kwargs.get("using") or self._state.db or "default", savepoint=False):
            rows = read_rows(model, [self.pk], [])
            result = super().delete(*args, **kwargs)
            _deleted(model, rows)
        return result

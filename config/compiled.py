"""Queries of a fixed shape, compiled to SQL once per process: only their parameters change.

Building a queryset and compiling it is Django's work in Python, and for a query asked on every page
it costs far more than the database's part: the role query of ``governance.permissions`` (a UNION
ALL of five joins) took about 6 ms of Python and 0,2 ms in PostgreSQL. A ``CompiledQuery`` builds
its queryset once, with stand-in values for its arguments, keeps the SQL and puts each call's
arguments where the stand-ins were::

    ROLES = CompiledQuery(lambda user_id: Affiliation.objects.filter(user_id=user_id).values_list(...))
    rows = ROLES(request.user.pk)  # a list of tuples, converted as the queryset's values_list would

    PAGE = CompiledQuery(lambda pk: Meeting.objects.for_page().filter(pk=pk))
    meetings = PAGE.objects(pk)  # model instances, with their select_related and prefetches

Only for querysets whose SQL is the same whatever the arguments: scalar arguments compared or
stored as they are (a primary key, a flag), never a list whose length shapes an ``IN``, never a
value that decides which filters apply. The stand-ins must each come out as one parameter of the
SQL (checked when compiled), so an argument that the ORM rewrites (a model instance, a lookup that
turns its value into something else) is refused rather than silently compiled wrong.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import QuerySet

# Stand-ins for the arguments: 32-bit integers no real key reaches in this portal, so an integer
# column (user_id is one) takes them without Django treating them as out of range.
_STAND_IN = 2_147_000_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple  # a constant, or an ``_Argument`` naming which argument goes there
    compiler: object  # made in the thread that compiled it: copied, with the caller's connection
    fields: list
    queryset: QuerySet


@dataclass(frozen=True)
class _Argument:
    index: int


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], *, arguments: int = 1) -> None:
        self.build = build
        self.arguments = arguments
        self._compiled: dict[str, _Compiled] = {}  # by database alias

    def __call__(self, *args) -> list[tuple]:
        prepared = self._prepare(args)
        if prepared is None:
            return []
        compiled, alias, params = prepared
        compiler = self._compiler_for(compiled, alias, params)
        with compiler.connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        converters = compiler.get_converters(compiled.fields)
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows

    def _prepare(self, args: tuple):
        """(compiled, alias, this call's parameters), or None when an argument is an integer no
        column holds (beyond 64 bits: a mistyped address): the ORM finds nothing for it, and so do we,
        where the database driver would refuse it."""
        if len(args) != self.arguments:
            raise TypeError(f"{self.arguments} arguments expected, {len(args)} given")
        if any(isinstance(a, int) and not -(2**63) <= a < 2**63 for a in args):
            return None
        alias = router.db_for_read(self._model())
        compiled = self._compiled.get(alias) or self._compile(alias)
        return (
            compiled,
            alias,
            tuple(args[p.index] if isinstance(p, _Argument) else p for p in compiled.params),
        )

    @staticmethod
    def _compiler_for(compiled: "_Compiled", alias: str, params) -> object:
        """A copy of the compiler made once: its select list, related-object layout and annotation
        columns describe the SQL it made. Only the SQL's parameters are this call's, and the
        connection is this thread's own (a connection is never shared between threads)."""
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[alias]
        compiler.as_sql = lambda *a, **k: (compiled.sql, params)
        return compiler

    def objects(self, *args) -> list:
        """The queryset's model instances (its ``select_related`` and annotations set, its
        ``prefetch_related`` run as usual, each prefetch compiled as usual)."""
        prepared = self._prepare(args)
        if prepared is None:
            return []
        compiled, alias, params = prepared
        compiler = self._compiler_for(compiled, alias, params)
        queryset = compiled.queryset.using(alias)
        queryset.query.get_compiler = lambda *a, **k: compiler
        return list(queryset)

    def _model(self):
        model = getattr(self, "_model_class", None)
        if model is None:
            model = self._model_class = self.build(*self._stand_ins()).model
        return model

    def _stand_ins(self) -> list[int]:
        return [_STAND_IN + i for i in range(self.arguments)]

    def _compile(self, alias: str) -> _Compiled:
        stand_ins = self._stand_ins()
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        mapped, seen = [], set()
        for param in params:
            if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins:
                mapped.append(_Argument(stand_ins.index(param)))
                seen.add(param)
            else:
                mapped.append(param)
        if seen != set(stand_ins):
            raise ValueError("every argument must come out as a parameter of the SQL as it was given")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        compiled = _Compiled(sql, tuple(mapped), compiler, fields, queryset)
        self._compiled[alias] = compiled
        return compiled

"""Imports of the registry through the one pipeline (``config.imports``): Statistics Finland's
municipality classification as published (semicolons, Finnish headers, title rows) and
organisations. Used by the admin's import pages and by ``manage.py import_municipalities``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.bulk import bulk_write
from config.imports.importer import Change, Column, Importer, Plan, Problem, Row, show
from config.imports.values import norm
from governance.models import Municipality, Organisation, Region, WellbeingArea, validate_business_id


def _region_code(text) -> str:
    """ "15", 15, "MK15" or "5" → "15"/"05": the classification's two digits."""
    code = str(text or "").strip().upper().removeprefix("MK")
    return code.zfill(2) if code else ""


class MunicipalityImporter(Importer):
    kind = "governance.municipalities"
    columns = [
        Column(
            "code",
            gettext_lazy("municipality code"),
            ("koodi", "kunta", "kuntakoodi", "kuntanumero", "sourcecode", "kod", "kommunkod"),
            required=True,
        ),
        Column(
            "name_fi",
            gettext_lazy("name in Finnish"),
            ("nimi", "nimike", "nimi_fi", "kunnan nimi", "sourcename", "name"),
            max_length=100,
        ),
        Column("name_sv", gettext_lazy("name in Swedish"), ("namn", "nimi_sv", "ruotsiksi"), max_length=100),
        Column(
            "region_code",
            gettext_lazy("region code"),
            ("maakunta", "maakuntakoodi", "maakunnan koodi", "targetcode", "landskap", "region"),
        ),
        Column(
            "wellbeing_area",
            gettext_lazy("wellbeing area"),
            ("hyvinvointialue", "välfärdsområde", "hva"),
            max_length=200,
        ),
    ]

    def __init__(self, *, user=None) -> None:
        super().__init__(user=user, scope="municipalities")

    def validate(self, rows: list[Row]) -> list[Problem]:
        self._regions = {r.code: r for r in Region.objects.all()}
        self._areas = {}
        for area in WellbeingArea.objects.all():
            for name in (area.name_fi, area.name_sv, area.short_name, area.slug):
                if norm(name):
                    self._areas.setdefault(norm(name), area)
        self._existing = {m.code: m for m in Municipality.objects.all()}
        problems, seen = [], {}
        for row in rows:
            v = row.values
            code = str(v.get("code") or "").strip().removeprefix("KU").removeprefix("ku")
            v["code"] = code.zfill(3) if code.isdigit() else code
            if not v["code"].isdigit() or len(v["code"]) != 3:
                problems.append(row.problem("code", _("a municipality code is three digits, e.g. 905.")))
            elif v["code"] in seen:
                message = _("the same municipality code is already on row %(row)s.") % {
                    "row": seen[v["code"]]
                }
                problems.append(row.problem("code", message))
            seen.setdefault(v["code"], row.number)
            current = self._existing.get(v["code"])
            if not v.get("name_fi") and current is None:
                problems.append(self._missing(row, "name_fi", _("the Finnish name is missing.")))
            v["region_code"] = _region_code(v.get("region_code"))
            if v["region_code"] and v["region_code"] not in self._regions:
                message = _("unknown region code %(code)s.") % {"code": v["region_code"]}
                problems.append(row.problem("region_code", message))
            elif not v["region_code"] and current is None:
                problems.append(self._missing(row, "region_code", _("a new municipality needs its region.")))
            if v.get("wellbeing_area") and norm(v["wellbeing_area"]) not in self._areas:
                message = _("unknown wellbeing area: %(name)s.") % {"name": v["wellbeing_area"]}
                problems.append(row.problem("wellbeing_area", message))
        return problems

    def _missing(self, row: Row, key: str, message: str) -> Problem:
        if key in row.where:
            return row.problem(key, message)
        column = next(str(c.label) for c in self.columns if c.key == key)
        return Problem(
            _("%(message)s (column %(column)s)") % {"message": message, "column": column}, row.number
        )

    def plan(self, rows: list[Row]) -> Plan:
        plan = Plan(payload=([], [], set()))
        new, changed, fields = plan.payload
        for row in rows:
            v = row.values
            current = self._existing.get(v["code"])
            values = {
                "name_fi": v.get("name_fi") or (current.name_fi if current else ""),
                # Statistics Finland's Finnish-only keys carry no Swedish name: keep the one known.
                "name_sv": v.get("name_sv") or (current.name_sv if current else v.get("name_fi") or ""),
                "region": self._regions.get(v["region_code"]) or (current.region if current else None),
                "wellbeing_area": self._areas.get(norm(v.get("wellbeing_area")))
                if v.get("wellbeing_area")
                else (current.wellbeing_area if current and "wellbeing_area" not in row.where else None),
            }
            if current is None:
                plan.changes.append(Change("new", f"{v['code']} {values['name_fi']}", row=row.number))
                new.append(Municipality(code=v["code"], **values))
                continue
            differing = {k: val for k, val in values.items() if getattr(current, k) != val}
            if not differing:
                plan.changes.append(Change("unchanged", v["code"], row=row.number))
                continue
            fields.update(differing)
            described = [(k, show(getattr(current, k)), show(val)) for k, val in differing.items()]
            plan.changes.append(Change("changed", f"{v['code']} {current.name_fi}", described, row.number))
            for k, val in differing.items():
                setattr(current, k, val)
            changed.append(current)
        return plan

    def write(self, plan: Plan) -> None:
        new, changed, fields = plan.payload
        bulk_write(Municipality, user=self.user, new=new, changed=changed, fields=fields)


def municipality_importer(user=None) -> MunicipalityImporter:
    return MunicipalityImporter(user=user)


class OrganisationImporter(Importer):
    """Organisations by name (or business ID): new ones added, known ones updated."""

    kind = "governance.organisations"
    columns = [
        Column("name", gettext_lazy("name"), ("nimi", "organisaatio", "namn"), required=True),
        Column(
            "name_sv", gettext_lazy("name in Swedish"), ("nimi ruotsiksi", "namn på svenska"), max_length=200
        ),
        Column(
            "short_name", gettext_lazy("short name"), ("lyhenne", "lyhyt nimi", "förkortning"), max_length=60
        ),
        Column(
            "kind",
            gettext_lazy("kind"),
            ("tyyppi", "laji", "typ"),
            kind="choice",
            choices={code: code for code in Organisation.Kind.values}
            | {str(label): code for code, label in Organisation.Kind.choices}
            | {
                "kansallinen laitos": "national_institute",
                "osaamiskeskus": "competence_centre",
                "ammattikorkeakoulu": "university",
                "hyvinvointialue": "wellbeing_area",
                "kunta": "municipality",
                "kuntayhtymä": "joint_authority",
                "rahoittaja": "funding_authority",
                "yhdistys": "association",
                "muu": "other",
            },
        ),
        Column(
            "business_id", gettext_lazy("business ID"), ("y-tunnus", "ytunnus", "fo-nummer"), max_length=9
        ),
        Column("region_code", gettext_lazy("region code"), ("maakunta", "maakuntakoodi", "landskap")),
    ]

    def __init__(self, *, user=None) -> None:
        super().__init__(user=user, scope="organisations")

    def validate(self, rows: list[Row]) -> list[Problem]:
        self._regions = {r.code: r for r in Region.objects.all()}
        organisations = list(Organisation.objects.all())
        self._by_name = {norm(o.name): o for o in organisations}
        self._by_id = {o.business_id: o for o in organisations if o.business_id}
        problems, seen = [], {}
        for row in rows:
            v = row.values
            key = norm(v.get("name"))
            if not key:
                problems.append(row.problem("name", _("the name is missing.")))
            elif key in seen:
                message = _("the same organisation is already on row %(row)s.") % {"row": seen[key]}
                problems.append(row.problem("name", message))
            seen.setdefault(key, row.number)
            if v.get("business_id"):
                try:
                    validate_business_id(v["business_id"])
                except ValidationError as error:
                    problems.append(row.problem("business_id", error.messages[0]))
            v["region_code"] = _region_code(v.get("region_code"))
            if v["region_code"] and v["region_code"] not in self._regions:
                message = _("unknown region code %(code)s.") % {"code": v["region_code"]}
                problems.append(row.problem("region_code", message))
            current = self._current(v)
            if current is None and not v.get("kind"):
                problems.append(
                    row.problem("kind", _("a new organisation needs its kind."))
                    if "kind" in row.where
                    else Problem(
                        _("A new organisation needs the column %(column)s.") % {"column": _("kind")},
                        row.number,
                    )
                )
        return problems

    def _current(self, v: dict):
        return self._by_id.get(v.get("business_id") or "") or self._by_name.get(norm(v.get("name")))

    def plan(self, rows: list[Row]) -> Plan:
        plan = Plan(payload=([], [], set()))
        new, changed, fields = plan.payload
        for row in rows:
            v = row.values
            current = self._current(v)
            # Blank cells leave a known organisation's values as they are.
            values = {
                key: v.get(key) or ""
                for key in ("name", "name_sv", "short_name", "kind", "business_id")
                if key in row.where and (v.get(key) or current is None)
            }
            if v["region_code"]:
                values["region"] = self._regions[v["region_code"]]
            if current is None:
                plan.changes.append(Change("new", v["name"], row=row.number))
                new.append(Organisation(**values))
                continue
            differing = {k: val for k, val in values.items() if getattr(current, k) != val}
            if not differing:
                plan.changes.append(Change("unchanged", current.name, row=row.number))
                continue
            fields.update(differing)
            described = [(k, show(getattr(current, k)), show(val)) for k, val in differing.items()]
            plan.changes.append(Change("changed", current.name, described, row.number))
            for k, val in differing.items():
                setattr(current, k, val)
            changed.append(current)
        return plan

    def write(self, plan: Plan) -> None:
        new, changed, fields = plan.payload
        for obj in [*new, *changed]:
            obj.full_clean(
                exclude=["host", "region", "wellbeing_area", "municipality"], validate_unique=False
            )
        bulk_write(Organisation, user=self.user, new=new, changed=changed, fields=fields)


def organisation_importer(user=None) -> OrganisationImporter:
    return OrganisationImporter(user=user)

"""Import of Statistics Finland's municipality classification (django-import-export)."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from config.imports.values import norm
from governance.models import Municipality, Region, WellbeingArea

# Statistics Finland's downloads name their columns in Finnish; accept those too.
HEADER_ALIASES = {
    "koodi": "code",
    "kunta": "code",
    "kuntakoodi": "code",
    "nimi": "name_fi",
    "nimike": "name_fi",
    "nimi_fi": "name_fi",
    "namn": "name_sv",
    "nimi_sv": "name_sv",
    "maakunta": "region_code",
    "maakuntakoodi": "region_code",
    "hyvinvointialue": "wellbeing_area",
}


class WellbeingAreaNameWidget(widgets.ForeignKeyWidget):
    """A wellbeing area by its Finnish or Swedish name."""

    def __init__(self) -> None:
        super().__init__(WellbeingArea, field="name_fi")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        value = str(value).strip()
        area = (
            WellbeingArea.objects.filter(name_fi__iexact=value).first()
            or WellbeingArea.objects.filter(name_sv__iexact=value).first()
        )
        if area is None:
            raise ValueError(_("Unknown wellbeing area: %(name)s") % {"name": value})
        return area


class MunicipalityResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="code")
    name_fi = fields.Field(attribute="name_fi", column_name="name_fi")
    name_sv = fields.Field(attribute="name_sv", column_name="name_sv")
    region = fields.Field(
        attribute="region", column_name="region_code", widget=widgets.ForeignKeyWidget(Region, field="code")
    )
    wellbeing_area = fields.Field(
        attribute="wellbeing_area", column_name="wellbeing_area", widget=WellbeingAreaNameWidget()
    )

    class Meta:
        model = Municipality
        import_id_fields = ["code"]
        fields = ["code", "name_fi", "name_sv", "region", "wellbeing_area"]
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        dataset.headers = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in dataset.headers]
        # Codes come as 5 or "5" from spreadsheets; the classification writes them zero-padded.
        for column_name, width in (("code", 3), ("region_code", 2)):
            if column_name not in dataset.headers:
                continue
            column = dataset.headers.index(column_name)
            for index, row in enumerate(dataset):
                values = list(row)
                if values[column] not in (None, ""):
                    values[column] = str(values[column]).strip().zfill(width)
                dataset[index] = tuple(values)
        super().before_import(dataset, **kwargs)


def municipality_importer(user=None):
    from config.imports.pipeline import Change, Column, Importer, Plan

    class _Importer(Importer):
        kind = "governance.municipalities"
        columns = [
            Column(
                "code",
                "code",
                tuple(k for k, v in HEADER_ALIASES.items() if v == "code") + ("sourcecode",),
                required=True,
            ),
            Column(
                "name_fi",
                "name_fi",
                tuple(k for k, v in HEADER_ALIASES.items() if v == "name_fi") + ("sourcename",),
            ),
            Column("name_sv", "name_sv", tuple(k for k, v in HEADER_ALIASES.items() if v == "name_sv")),
            Column(
                "region_code",
                "region_code",
                tuple(k for k, v in HEADER_ALIASES.items() if v == "region_code"),
            ),
            Column(
                "wellbeing_area",
                "wellbeing_area",
                tuple(k for k, v in HEADER_ALIASES.items() if v == "wellbeing_area"),
            ),
        ]

        def validate(self, rows):
            regions = {r.code: r for r in Region.objects.all()}
            areas = {}
            for area in WellbeingArea.objects.all():
                for name in (area.name_fi, area.name_sv):
                    areas[norm(name)] = area
            problems = []
            for row in rows:
                v = row.values
                v["code"] = v["code"].zfill(3) if v.get("code") else ""
                if not v["code"].isdigit() or len(v["code"]) != 3:
                    problems.append(row.problem("code", _("a municipality code is three digits.")))
                if not v.get("name_fi"):
                    problems.append(row.problem("name_fi", _("the Finnish name is missing.")))
                region = (v.get("region_code") or "").zfill(2)
                if v.get("region_code") and region not in regions:
                    problems.append(
                        row.problem("region_code", _("Unknown region: %(code)s") % {"code": region})
                    )
                v["region_code"] = region if v.get("region_code") else ""
                if v.get("wellbeing_area") and norm(v["wellbeing_area"]) not in areas:
                    problems.append(
                        row.problem(
                            "wellbeing_area",
                            _("Unknown wellbeing area: %(name)s") % {"name": v["wellbeing_area"]},
                        )
                    )
            self._regions, self._areas = regions, areas
            return problems

        def plan(self, rows):
            existing = {m.code: m for m in Municipality.objects.all()}
            plan = Plan(payload=[])
            for row in rows:
                v = row.values
                values = {
                    "name_fi": v.get("name_fi") or "",
                    "name_sv": v.get("name_sv") or "",
                    "region": self._regions.get(v.get("region_code")),
                    "wellbeing_area": self._areas.get(norm(v.get("wellbeing_area")))
                    if v.get("wellbeing_area")
                    else None,
                }
                obj = existing.get(v["code"])
                if obj is None:
                    plan.changes.append(Change("new", v["code"], row=row.number))
                    plan.payload.append(Municipality(code=v["code"], **values))
                elif any(getattr(obj, k) != val for k, val in values.items()):
                    for k, val in values.items():
                        setattr(obj, k, val)
                    plan.changes.append(Change("changed", v["code"], row=row.number))
                    plan.payload.append(obj)
                else:
                    plan.changes.append(Change("unchanged", v["code"], row=row.number))
            return plan

        def write(self, plan):
            for obj in plan.payload:
                obj.full_clean(validate_unique=False)
                obj.save()

    return _Importer(user=user, scope="municipalities")

"""Import of Statistics Finland's municipality classification (django-import-export)."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

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

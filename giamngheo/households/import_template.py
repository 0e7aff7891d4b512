"""The register's import template: an empty data sheet with drop-downs, examples apart."""

from django.utils.translation import gettext as _

from giamngheo.core.import_templates import TemplateColumn, template_response

from .import_columns import COLUMNS, allowed_labels

CODED_KINDS = ("choice", "bool", "status", "ethnicity", "policy")


def template_columns() -> list[TemplateColumn]:
    return [
        TemplateColumn(
            c.header,
            allowed_labels(c) if c.kind in CODED_KINDS else (),
            strict=c.kind != "policy",  # several groups, comma-separated
            required=c.required,
        )
        for c in COLUMNS
    ]


def template_rows() -> list[list]:
    """An example household of two members, for the examples sheet (never imported)."""
    head = [c.example for c in COLUMNS]
    child = ["" if c.household and c.field != "code" else c.example for c in COLUMNS]
    overrides = {
        "full_name": "Y Hoa",
        "relation": "Con",
        "sex": "Nữ",
        "date_of_birth": "02/09/2015",
        "citizen_id": "",
        "in_school": "Có",
        "at_age_appropriate_level": "Có",
        "education_level": "Tiểu học",
        "employment_status": "",
        "is_wage_earner": "",
    }
    for i, c in enumerate(COLUMNS):
        if c.field in overrides:
            child[i] = overrides[c.field]
    return [head, child]


def xlsx_template():
    return template_response(
        "mau-nhap-ho-gia-dinh.xlsx",
        template_columns(),
        template_rows(),
        data_title=_("Households"),
    )

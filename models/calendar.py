"""Which years the holiday calendar covers, and from which notice (SPEC 3.3 R22)."""

from tortoise import fields

from models.base import Entity


class CalendarYear(Entity):
    """A year whose holidays and 调休 make-up days are known: the State Council's notice
    shipped with the product (OFFICIAL) or a whole year entered by the hospital (LOCAL).
    A filing deadline that runs into a year without a row is provisional."""

    year = fields.IntField(unique=True)
    origin = fields.CharField(max_length=8)
    source_title = fields.CharField(max_length=200, default="")
    document_number = fields.CharField(max_length=100, default="")
    published_on = fields.DateField(null=True)

    class Meta:
        table = "calendar_year"

"""Sites, departments, specialties and practitioners."""

from tortoise import fields

from models.base import Entity


class Site(Entity):
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    is_default = fields.BooleanField(default=False)
    # Site policy (SPEC R11, R33, R41); the defaults are the spec's.
    default_validity_months = fields.IntField(default=24)
    reevaluation_months = fields.IntField(default=12)
    emergency_report_hours = fields.IntField(default=24)
    # Issue 17: thresholds of the adjustment proposals; missing keys take the documented
    # defaults (domain/quality/policy.py).
    adjustment_policy: fields.Field[dict[str, object]] = fields.JSONField(default=dict)

    class Meta:
        table = "site"


class Specialty(Entity):
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)

    class Meta:
        table = "specialty"


class Department(Entity):
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "models.Site", related_name="departments", on_delete=fields.RESTRICT
    )
    day_surgery_approved = fields.BooleanField(default=False)

    class Meta:
        table = "department"


class Practitioner(Entity):
    staff_no = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="practitioners", on_delete=fields.RESTRICT
    )
    specialty: fields.ForeignKeyNullableRelation[Specialty] = fields.ForeignKeyField(
        "models.Specialty", related_name="practitioners", null=True, on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=20)
    licence_no = fields.CharField(max_length=64, default="")
    licence_valid_until = fields.DateField(null=True)
    practice_scope = fields.CharField(max_length=200, default="")
    status = fields.CharField(max_length=16, default="ACTIVE", db_index=True)
    # Only the masked form is kept: the full number never leaves the request that
    # supplied it, so no API, export or backup can disclose it.
    national_id_masked = fields.CharField(max_length=32, default="")

    class Meta:
        table = "practitioner"

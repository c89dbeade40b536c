"""Institutions and their group, sites (campuses), departments, specialties and
practitioners with where they are registered to practise."""

from tortoise import fields

from models.base import Entity


class HospitalGroup(Entity):
    """A 医联体/医共体: institutions working together under a lead institution."""

    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=32, default="MEDICAL_ALLIANCE")

    class Meta:
        table = "hospital_group"


class Institution(Entity):
    """A 医疗机构 with its own 执业许可证: technique admission and filing, committees and
    site policy belong to it; its campuses (sites) inherit the policy."""

    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    licence_no = fields.CharField(max_length=64, default="")
    level = fields.CharField(max_length=16, default="UNGRADED")
    is_default = fields.BooleanField(default=False)
    group: fields.ForeignKeyNullableRelation[HospitalGroup] = fields.ForeignKeyField(
        "models.HospitalGroup", related_name="institutions", null=True, on_delete=fields.RESTRICT
    )
    is_group_lead = fields.BooleanField(default=False)
    # Policy (SPEC R11, R33, R41; issue 16 temporary privileges), inherited by campuses.
    default_validity_months = fields.IntField(default=24)
    reevaluation_months = fields.IntField(default=12)
    emergency_report_hours = fields.IntField(default=24)
    temporary_privilege_days = fields.IntField(default=90)

    class Meta:
        table = "institution"


class Site(Entity):
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    is_default = fields.BooleanField(default=False)
    # The institution this site is a campus of. Nullable only because SQLite cannot add a
    # NOT NULL foreign key to an existing table; the domain always sets it and migration 9
    # fills it for existing rows.
    institution: fields.ForeignKeyNullableRelation[Institution] = fields.ForeignKeyField(
        "models.Institution", related_name="campuses", null=True, on_delete=fields.RESTRICT
    )
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
    # The coded 执业范围 ("CLINICAL:SURGERY", ...) that may operate in this specialty;
    # empty = not mapped yet (decisions do not check the scope, a query reports it).
    practice_scopes: fields.Field[list[str]] = fields.JSONField(default=list)

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
    # The coded 执业类别 · 执业范围 ("CLINICAL:SURGERY", ...); empty = not coded (only the
    # free text above is known).
    practice_scope_codes: fields.Field[list[str]] = fields.JSONField(default=list)
    category = fields.CharField(max_length=20, default="STAFF")
    status = fields.CharField(max_length=16, default="ACTIVE", db_index=True)
    # Only the masked form is kept: the full number never leaves the request that
    # supplied it, so no API, export or backup can disclose it.
    national_id_masked = fields.CharField(max_length=32, default="")

    class Meta:
        table = "practitioner"


class PracticeRegistration(Entity):
    """Where a practitioner is registered to practise (多机构执业): a decision at a campus
    of an institution needs one valid on that date. `valid_from` None = since always
    (registrations made for data that existed before institutions did)."""

    practitioner: fields.ForeignKeyRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="registrations", on_delete=fields.RESTRICT
    )
    institution: fields.ForeignKeyRelation[Institution] = fields.ForeignKeyField(
        "models.Institution", related_name="registrations", on_delete=fields.RESTRICT
    )
    kind = fields.CharField(max_length=16, default="PRIMARY")
    valid_from = fields.DateField(null=True)
    valid_until = fields.DateField(null=True)
    note = fields.CharField(max_length=500, default="")

    class Meta:
        table = "practice_registration"
        indexes = (("practitioner_id", "institution_id"),)

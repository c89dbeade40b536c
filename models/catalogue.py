"""The graded procedure catalogue (versioned) and medical techniques."""

from tortoise import fields

from models.base import Entity
from models.organisation import Institution, Practitioner, Specialty


class CatalogueVersion(Entity):
    number = fields.IntField(unique=True)
    effective_from = fields.DateField()
    note = fields.CharField(max_length=500, default="")
    source = fields.CharField(max_length=200, default="")
    added = fields.IntField(default=0)
    removed = fields.IntField(default=0)
    changed = fields.IntField(default=0)

    class Meta:
        table = "catalogue_version"


class Technique(Entity):
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    category = fields.CharField(max_length=32)
    status = fields.CharField(max_length=16, default="PROPOSED", db_index=True)
    suspended_from = fields.CharField(max_length=16, null=True)
    lead: fields.ForeignKeyNullableRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="led_techniques", null=True, on_delete=fields.RESTRICT
    )
    approved_on = fields.DateField(null=True)
    first_clinical_use_on = fields.DateField(null=True)
    filing_due_on = fields.DateField(null=True)
    # R22: the deadline runs into a year whose official holiday schedule is not loaded.
    filing_due_on_provisional = fields.BooleanField(default=False)
    # R21: filed after the (possibly recomputed) deadline.
    filed_late = fields.BooleanField(default=False)
    filed_on = fields.DateField(null=True)
    filing_number = fields.CharField(max_length=100, null=True)
    ethics_approval_ref = fields.CharField(max_length=100, null=True)
    stopped_reason = fields.CharField(max_length=1000, null=True)
    # R23: set while the lead is not an ACTIVE practitioner, until a new lead is set.
    lead_inactive = fields.BooleanField(default=False)
    # The institution whose admission and filing the columns above record (the default
    # institution when null); other institutions admit it with a TechniqueAdmission.
    institution: fields.ForeignKeyNullableRelation[Institution] = fields.ForeignKeyField(
        "models.Institution", related_name="own_techniques", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "technique"


class TechniqueAdmission(Entity):
    """A technique admitted at an institution other than its own (issue 16): admission and
    filing (备案) go to the authority that issued that institution's licence."""

    technique: fields.ForeignKeyRelation[Technique] = fields.ForeignKeyField(
        "models.Technique", related_name="admissions", on_delete=fields.RESTRICT
    )
    institution: fields.ForeignKeyRelation[Institution] = fields.ForeignKeyField(
        "models.Institution", related_name="technique_admissions", on_delete=fields.RESTRICT
    )
    status = fields.CharField(max_length=16, default="APPROVED")
    approved_on = fields.DateField()
    # R21/R22 per institution: the earliest case of the technique at the institution's
    # campuses starts its own filing clock (migration 10).
    first_clinical_use_on = fields.DateField(null=True)
    filing_due_on = fields.DateField(null=True)
    filing_due_on_provisional = fields.BooleanField(default=False)
    filed_on = fields.DateField(null=True)
    filed_late = fields.BooleanField(default=False)
    filing_number = fields.CharField(max_length=100, null=True)
    status_reason = fields.CharField(max_length=1000, null=True)

    class Meta:
        table = "technique_admission"
        unique_together = (("technique_id", "institution_id"),)


class Procedure(Entity):
    """One version of a catalogue entry.

    A row is in force for catalogue versions [catalogue_version, retired_in_version) and
    for dates [effective_from, effective_to]; a regrade or rename retires the row and adds
    a new one, so older versions stay readable.
    """

    code = fields.CharField(max_length=32, db_index=True)
    name = fields.CharField(max_length=300)
    grade = fields.SmallIntField()
    specialty: fields.ForeignKeyRelation[Specialty] = fields.ForeignKeyField(
        "models.Specialty", related_name="procedures", on_delete=fields.RESTRICT
    )
    day_surgery = fields.BooleanField(default=False)
    technique: fields.ForeignKeyNullableRelation[Technique] = fields.ForeignKeyField(
        "models.Technique", related_name="procedures", null=True, on_delete=fields.RESTRICT
    )
    catalogue_version = fields.IntField()
    retired_in_version = fields.IntField(null=True)
    effective_from = fields.DateField()
    effective_to = fields.DateField(null=True)
    # 目录备案: in this catalogue version the hospital filed the procedure as one it is
    # able to perform (the denominator of 三、四级手术实际开展率).
    filed = fields.BooleanField(default=False)

    class Meta:
        table = "procedure"
        unique_together = (("code", "catalogue_version"),)

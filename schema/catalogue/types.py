"""The procedure catalogue and techniques (read side for now)."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import date, datetime

import strawberry

from domain import i18n, imports
from models import CatalogueVersion, Procedure, Technique
from schema import ids
from schema.context import Info
from schema.enums import TechniqueCategory, TechniqueStatus
from schema.organisation import PractitionerType, SpecialtyType
from schema.relay import Node, reference_nodes


@strawberry.type(
    name="Technique",
    description="A medical technique (医疗技术) under the technique rules (R21-R25).",
)
class TechniqueType(Node):
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Technique name.")
    category: TechniqueCategory = strawberry.field(
        description="Regulatory class (restricted, new, ...)."
    )
    status: TechniqueStatus = strawberry.field(description="Admission lifecycle state.")
    approved_on: date | None = strawberry.field(description="Day the committee approved it.")
    first_clinical_use_on: date | None = strawberry.field(
        description="Day of its first clinical use; starts the filing deadline (R21)."
    )
    filing_due_on: date | None = strawberry.field(
        description="Filing (备案) deadline: 15 working days after first clinical use, "
        "State Council holidays considered (R22)."
    )
    filing_due_on_provisional: bool = strawberry.field(
        description="The 15 working days run into a year whose official holiday schedule "
        "is not loaded yet: the deadline may still move."
    )
    filed_on: date | None = strawberry.field(
        description="Day it was filed with the health authority."
    )
    filed_late: bool = strawberry.field(
        description="Filed after the filing deadline (recomputed when an earlier case "
        "is reported late)."
    )
    filing_number: str | None = strawberry.field(description="The filing's reference number.")
    ethics_approval_ref: str | None = strawberry.field(
        description="Reference of the ethics committee approval."
    )
    stopped_reason: str | None = strawberry.field(description="Why it was suspended or stopped.")
    created_at: datetime
    updated_at: datetime
    version: int
    lead_id: strawberry.Private[int | None]
    lead_inactive: bool = strawberry.field(
        default=False,
        description="The lead left or was suspended; decisions warn until a new lead is set.",
    )

    @strawberry.field(description="The practitioner leading the technique (项目负责人).")
    async def lead(self, info: Info) -> PractitionerType | None:
        if self.lead_id is None:
            return None
        found = await info.context.loaders.practitioner.load(self.lead_id)
        return PractitionerType.from_model(found) if found else None

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[TechniqueType | None]:
        return await reference_nodes(info, node_ids, Technique, cls.from_model)

    @classmethod
    def from_model(cls, t: Technique) -> TechniqueType:
        return cls(
            id=strawberry.ID(ids.encode("Technique", t.id)),
            code=t.code,
            name=t.name,
            category=TechniqueCategory(t.category),
            status=TechniqueStatus(t.status),
            approved_on=t.approved_on,
            first_clinical_use_on=t.first_clinical_use_on,
            filing_due_on=t.filing_due_on,
            filing_due_on_provisional=t.filing_due_on_provisional,
            filed_on=t.filed_on,
            filed_late=t.filed_late,
            filing_number=t.filing_number,
            ethics_approval_ref=t.ethics_approval_ref,
            stopped_reason=t.stopped_reason,
            lead_inactive=bool(getattr(t, "lead_inactive", False)),
            created_at=t.created_at,
            updated_at=t.updated_at,
            version=t.version,
            lead_id=t.lead_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="Procedure",
    description="A procedure of the catalogue (手术目录) with its grade (手术分级, 1-4).",
)
class ProcedureType(Node):
    code: str = strawberry.field(description="Catalogue code (手术编码), e.g. ICD-9-CM-3 47.0901.")
    name: str = strawberry.field(description="Procedure name (手术名称).")
    grade: int = strawberry.field(
        description="Surgical grade 1-4 (四级 = highest risk, covered only by a PROCEDURE "
        "privilege and needing MDT)."
    )
    day_surgery: bool = strawberry.field(description="In the day-surgery catalogue (日间手术).")
    catalogue_version: int = strawberry.field(
        description="The catalogue version this row belongs to."
    )
    effective_from: date = strawberry.field(description="First day this row is in force.")
    effective_to: date | None = strawberry.field(
        description="Last day in force; null while current."
    )
    created_at: datetime
    updated_at: datetime
    version: int
    specialty_id: strawberry.Private[int]
    technique_id: strawberry.Private[int | None]
    filed: bool = strawberry.field(
        default=False,
        description="目录备案: in this catalogue version the hospital filed the procedure as "
        "one it is able to perform (三、四级手术实际开展率).",
    )

    @strawberry.field(description="The specialty the procedure belongs to.")
    async def specialty(self, info: Info) -> SpecialtyType:
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field(
        description="The medical technique the procedure applies, if any (technique rules"
        " R21-R25 then apply)."
    )
    async def technique(self, info: Info) -> TechniqueType | None:
        if self.technique_id is None:
            return None
        return TechniqueType.from_model(
            await info.context.loaders.technique.load(self.technique_id)
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[ProcedureType | None]:
        return await reference_nodes(info, node_ids, Procedure, cls.from_model)

    @classmethod
    def from_model(cls, p: Procedure) -> ProcedureType:
        return cls(
            id=strawberry.ID(ids.encode("Procedure", p.id)),
            code=p.code,
            name=p.name,
            grade=p.grade,
            day_surgery=p.day_surgery,
            catalogue_version=p.catalogue_version,
            effective_from=p.effective_from,
            effective_to=p.effective_to,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
            specialty_id=p.specialty_id,  # type: ignore[attr-defined]
            technique_id=p.technique_id,  # type: ignore[attr-defined]
            filed=p.filed,
        )


@strawberry.type(
    name="CatalogueVersion",
    description="One version of the procedure catalogue (R3): what changed and when "
    "it takes effect.",
)
class CatalogueVersionType:
    number: int = strawberry.field(description="Version number, 1 upwards.")
    effective_from: date = strawberry.field(description="First day the version is in force.")
    note: str = strawberry.field(description="Why the version was made.")
    source: str = strawberry.field(description="Where it came from, e.g. the imported file's name.")
    added: int = strawberry.field(description="Procedures added.")
    removed: int = strawberry.field(description="Procedures retired.")
    changed: int = strawberry.field(description="Procedures renamed or regraded.")
    created_at: datetime

    @classmethod
    def from_model(cls, v: CatalogueVersion) -> CatalogueVersionType:
        return cls(
            number=v.number,
            effective_from=v.effective_from,
            note=v.note,
            source=v.source,
            added=v.added,
            removed=v.removed,
            changed=v.changed,
            created_at=v.created_at,
        )


@strawberry.type(description="One procedure in a catalogue diff.")
class CatalogueDiffEntry:
    code: str = strawberry.field(description="Catalogue code.")
    name: str = strawberry.field(description="Name in the newer version (or the removed one's).")
    grade: int | None = strawberry.field(
        description="Grade in the newer version (or the removed one's)."
    )
    previous_name: str | None = strawberry.field(
        description="Name in the older version, when changed."
    )
    previous_grade: int | None = strawberry.field(
        description="Grade in the older version, when changed."
    )


@strawberry.type(
    name="CatalogueDiff", description="The differences between two catalogue versions."
)
class CatalogueDiffType:
    from_version: int = strawberry.field(description="The older version compared.")
    to_version: int = strawberry.field(description="The newer version compared.")
    added: list[CatalogueDiffEntry] = strawberry.field(description="In toVersion only.")
    removed: list[CatalogueDiffEntry] = strawberry.field(description="In fromVersion only.")
    regraded: list[CatalogueDiffEntry] = strawberry.field(
        description="In both, with another grade."
    )
    changed: list[CatalogueDiffEntry] = strawberry.field(
        description="In both, otherwise changed (e.g. renamed)."
    )


@strawberry.type(description="One bad cell or row of an import.")
class ImportRowError:
    line: int = strawberry.field(description="The row number in the file (Excel's row number).")
    column: str | None = strawberry.field(
        description="The canonical column name: code, grade, staff_no, ..."
    )
    message: str = strawberry.field(description="What is wrong, in the request's language.")
    sheet: str | None = strawberry.field(default=None, description="The XLSX sheet; null for CSV.")
    header: str | None = strawberry.field(
        default=None, description="The column's header as written in the file."
    )
    cell: str | None = strawberry.field(default=None, description='The cell, e.g. "B9".')


@strawberry.type(name="ImportReport", description="What an import did, or would do on a dry run.")
class ImportReportType:
    dry_run: bool = strawberry.field(description="Nothing was written.")
    rows: int = strawberry.field(description="Data rows read.")
    added: int = strawberry.field(description="Records created.")
    changed: int = strawberry.field(description="Records changed.")
    removed: int = strawberry.field(description="Records retired (catalogue replace).")
    unchanged: int = strawberry.field(description="Rows equal to what is stored.")
    catalogue_version: int | None = strawberry.field(
        description="The catalogue version created; null for practitioners or when "
        "nothing was written."
    )
    row_errors: list[ImportRowError] = strawberry.field(
        description="Bad rows; when any, nothing was written."
    )
    row_errors_truncated: bool = strawberry.field(description="More bad rows exist than listed.")
    sheet: str | None = strawberry.field(description="The XLSX sheet read; null for CSV.")
    header_line: int | None = strawberry.field(
        description="The row number of the header row found."
    )
    _report: strawberry.Private[imports.ImportReport]
    _data: strawberry.Private[bytes]
    _filename: strawberry.Private[str]
    _locale: strawberry.Private[str]

    @strawberry.field(
        description="When rows are bad: the uploaded sheet as an .xlsx (base64) with an "
        "error column beside each bad row; null when the import succeeded."
    )
    def error_workbook(self) -> str | None:
        if not self._report.errors:
            return None
        workbook = imports.error_workbook(self._data, self._filename, self._report, self._locale)
        return base64.b64encode(workbook).decode("ascii")

    @classmethod
    def from_report(
        cls, r: imports.ImportReport, data: bytes = b"", filename: str = "", locale: str = "zh-CN"
    ) -> ImportReportType:
        return cls(
            dry_run=r.dry_run,
            rows=r.rows,
            added=r.added,
            changed=r.changed,
            removed=r.removed,
            unchanged=r.unchanged,
            catalogue_version=r.catalogue_version,
            row_errors=[
                ImportRowError(
                    line=e.line,
                    column=e.column,
                    message=i18n.localize(e.message, locale),
                    sheet=e.sheet,
                    header=e.header,
                    cell=e.cell,
                )
                for e in r.errors
            ],
            row_errors_truncated=r.errors_truncated,
            sheet=r.sheet,
            header_line=r.header_line,
            _report=r,
            _data=data,
            _filename=filename,
            _locale=locale,
        )


def _locale(info: Info) -> str:
    """The reader's language, negotiated once per request by api/locale.py."""
    return i18n.current_locale()

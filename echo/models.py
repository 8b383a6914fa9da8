"""Every table, imported in one place so metadata (Alembic, tests) sees them all."""

from sqlmodel import SQLModel

from echo.accounts.models import (
    HubMembership,
    LoginSession,
    LoginThrottle,
    User,
)
from echo.attendance.models import (
    Adjustment,
    AttendanceInterval,
    AttendeeAlias,
    CheckIn,
    ReportImport,
    UnmatchedAttendee,
    UserEmail,
    ZoomPresence,
)
from echo.cases.models import Case, CaseEvent, CaseOutcome, Recommendation
from echo.cme.models import (
    Certificate,
    Claim,
    CmeSettings,
    Disclosure,
    Evaluation,
    EvaluationQuestion,
    IssueBatch,
    LateClaimRequest,
    ParsExport,
    ParsExportClaim,
)
from echo.jobs import JobFailure
from echo.notify.models import NotificationPreference, OutboxMessage
from echo.outcomes.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyItem,
    SurveyResponse,
    SurveyScaleScore,
)
from echo.programs.models import (
    CurriculumChange,
    Enrollment,
    Hub,
    Program,
    ProgramSchedule,
    ProgramSession,
    SessionMaterial,
)

metadata = SQLModel.metadata

__all__ = [
    "Adjustment",
    "AttendanceInterval",
    "AttendeeAlias",
    "Case",
    "CaseEvent",
    "CaseOutcome",
    "Certificate",
    "CheckIn",
    "Claim",
    "CmeSettings",
    "CurriculumChange",
    "Disclosure",
    "Enrollment",
    "Evaluation",
    "EvaluationQuestion",
    "Hub",
    "HubMembership",
    "IssueBatch",
    "JobFailure",
    "LateClaimRequest",
    "LoginSession",
    "LoginThrottle",
    "NotificationPreference",
    "OutboxMessage",
    "ParsExport",
    "ParsExportClaim",
    "Program",
    "ProgramSchedule",
    "ProgramSession",
    "Recommendation",
    "ReportImport",
    "SessionMaterial",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyItem",
    "SurveyResponse",
    "SurveyScaleScore",
    "UnmatchedAttendee",
    "User",
    "UserEmail",
    "ZoomPresence",
    "metadata",
]

"""Late claims: after a session's claim window closes, a learner may ask to claim anyway,
saying why (a limited number a year); a CME administrator of the hub approves or declines.
An approval opens the claim again for LATE_CLAIM_GRACE. Every request and decision is kept
(who, when), so the CME office can show its exceptions to an accreditor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from echo.cme.models import LateClaimRequest, LateClaimStatus
from echo.phi import check_text
from echo.programs.models import ProgramSession
from echo.timeutil import utcnow
from echo.web.params import FormErrors

LATE_CLAIMS_PER_YEAR = 2  # requests a person may make in 365 days
LATE_CLAIM_GRACE = timedelta(days=14)  # how long an approval keeps the claim open


def requests_of(
    session: Session, user_id: int, session_ids: Sequence[int]
) -> dict[int, LateClaimRequest]:
    """The person's late-claim requests for these sessions, by session id."""
    if not session_ids:
        return {}
    rows = session.exec(
        select(LateClaimRequest).where(
            LateClaimRequest.user_id == user_id,
            col(LateClaimRequest.session_id).in_(list(session_ids)),
        )
    )
    return {row.session_id: row for row in rows}


def grace_until(request: LateClaimRequest | None) -> datetime | None:
    """Until when an approved request lets the person claim (None otherwise)."""
    if request is None or request.status != LateClaimStatus.approved or not request.decided_at:
        return None
    return request.decided_at + LATE_CLAIM_GRACE


def requests_left(session: Session, user_id: int, now: datetime | None = None) -> int:
    since = (now or utcnow()) - timedelta(days=365)
    made = session.exec(
        select(LateClaimRequest).where(
            LateClaimRequest.user_id == user_id, col(LateClaimRequest.requested_at) >= since
        )
    ).all()
    return max(0, LATE_CLAIMS_PER_YEAR - len(made))


def request_late_claim(
    session: Session, user_id: int, program_session: ProgramSession, reason: str
) -> LateClaimRequest:
    """Record the request; FormErrors (on "reason") when the reason is missing or holds an
    identifier, or the person has used this year's requests. Blocked text is not stored."""
    text = reason.strip()
    if not text:
        raise FormErrors({"reason": "Say why the claim is late, in a sentence."})
    checked = check_text(text)
    if checked.blocked:
        raise FormErrors({"reason": checked.message})
    if requests_left(session, user_id) == 0:
        raise FormErrors(
            {
                "reason": f"You have made {LATE_CLAIMS_PER_YEAR} late-claim requests in the "
                "last 12 months, the most allowed. Ask the hub's CME office directly."
            }
        )
    request = LateClaimRequest(
        session_id=program_session.id or 0,
        program_id=program_session.program_id,
        user_id=user_id,
        reason=text[:500],
    )
    session.add(request)
    session.flush()
    return request


def pending_for_program(session: Session, program_id: int) -> list[LateClaimRequest]:
    return list(
        session.exec(
            select(LateClaimRequest)
            .where(
                LateClaimRequest.program_id == program_id,
                LateClaimRequest.status == LateClaimStatus.pending.value,
            )
            .order_by(col(LateClaimRequest.requested_at))
        )
    )


def decide(session: Session, request: LateClaimRequest, *, approve: bool, actor_id: int) -> None:
    request.status = (LateClaimStatus.approved if approve else LateClaimStatus.declined).value
    request.decided_at = utcnow()
    request.decided_by_id = actor_id
    session.add(request)
    session.flush()

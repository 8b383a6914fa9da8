"""The program's time zone: its schedule's zone when it has a schedule, else its hub's.

Sessions are scheduled, imported, put in calendars and dated (certificates, transcripts,
the PARS export, periods of dates) in this zone; pages show times in the viewer's zone.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from echo.programs.models import Hub, Program, ProgramSchedule
from echo.programs.sessions import schedule_of


def program_zone(schedule: ProgramSchedule | None, hub: Hub) -> str:
    """The one rule: the schedule's zone, else the hub's."""
    return schedule.time_zone if schedule is not None else hub.time_zone


def zone_of_program(session: Session, program: Program, hub: Hub | None = None) -> str:
    """program_zone, reading the program's schedule (and its hub when not given)."""
    schedule = schedule_of(session, program.id or 0)
    found = hub if hub is not None else session.get(Hub, program.hub_id)
    if found is None:
        raise ValueError(f"program {program.id} has no hub")
    return program_zone(schedule, found)


def zones_of_programs(session: Session, program_ids: Sequence[int]) -> dict[int, str]:
    """program_zone of several programs at once (one query, whatever their number)."""
    if not program_ids:
        return {}
    rows = session.exec(
        select(Program.id, Hub, ProgramSchedule)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .where(col(Program.id).in_(program_ids))
    ).all()
    return {program_id or 0: program_zone(schedule, hub) for program_id, hub, schedule in rows}

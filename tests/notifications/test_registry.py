"""Each area registers its own reminder kinds; notifications keeps only the registry.

Which app may import which is pinned by tests/common/test_dependencies.py.
"""

from notifications import reminders


def test_each_area_registers_its_own_reminder_kinds():
    owners = {code: kind.find.__module__ for code, kind in reminders.REGISTRY.items()}
    assert owners == {
        "review_due": "partnerships.reminders",
        "agreement_expiring": "partnerships.reminders",
        "vetting_expiring": "partnerships.reminders",
        "meeting_upcoming": "councils.reminders",
        "committee_idle": "councils.reminders",
        "action_item_overdue": "councils.reminders",
        "placement_unprepared": "internships.reminders",
        "placement_unevaluated": "internships.reminders",
        "pay_missing": "internships.reminders",
        "checkin_missed": "practice.reminders",
        "checkins_missed_3": "practice.reminders",
        "journal_missing": "practice.reminders",
        "journal_unreviewed": "practice.reminders",
        "agreement_awaiting_signature": "contracts.reminders",
    }
    assert set(reminders.OTHER_KINDS) == {
        "placement_incident",
        "agreement_flagged",
        "allocation_result",
    }

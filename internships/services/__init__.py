"""Every write to internships goes through a function here.

The internship policy (internships/policy.py) decides what is allowed; these
functions lock the rows its counts depend on, ask it, and write. One module
per area: students, plans, positions, placements, attendance, logs, evaluations and
deletions; every service is re-exported here, so callers import from
``internships.services`` as before.
"""

from .attendance import (
    attendance_record,
    attendance_record_week,
    attendance_update,
)
from .compliance import (
    FILING_FIELDS,
    INSURANCE_FIELDS,
    PAY_FIELDS,
    filing_create,
    filing_delete,
    filing_update,
    insurance_policy_create,
    insurance_policy_delete,
    insurance_policy_update,
    month_start,
    pay_record_create,
    pay_record_delete,
    pay_record_update,
)
from .deletions import (
    attendance_delete,
    evaluation_delete,
    placement_log_delete,
    position_delete,
    student_delete,
)
from .evaluations import (
    SIDE_OF_ROLE,
    evaluation_save,
)
from .logs import (
    placement_log_create,
    placement_log_update,
)
from .placements import (
    EDITABLE_BY,
    LIAISON_HIDDEN_FIELDS,
    PLACEMENT_FIELDS,
    RULE_FIELDS,
    placement_activate,
    placement_approve_destination,
    placement_complete,
    placement_create,
    placement_override,
    placement_set_hired,
    placement_terminate,
    placement_update,
)
from .plans import (
    PLAN_FIELDS,
    plan_create,
    plan_default,
    plan_delete,
    plan_update,
)
from .positions import (
    POSITION_FIELDS,
    position_close,
    position_create,
    position_update,
)
from .students import (
    STUDENT_FIELDS,
    student_create,
    student_update,
)

__all__ = [
    "EDITABLE_BY",
    "FILING_FIELDS",
    "INSURANCE_FIELDS",
    "filing_create",
    "filing_delete",
    "filing_update",
    "PAY_FIELDS",
    "insurance_policy_create",
    "insurance_policy_delete",
    "insurance_policy_update",
    "month_start",
    "pay_record_create",
    "pay_record_delete",
    "pay_record_update",
    "placement_approve_destination",
    "placement_override",
    "LIAISON_HIDDEN_FIELDS",
    "PLACEMENT_FIELDS",
    "PLAN_FIELDS",
    "POSITION_FIELDS",
    "RULE_FIELDS",
    "SIDE_OF_ROLE",
    "STUDENT_FIELDS",
    "attendance_delete",
    "attendance_record",
    "attendance_record_week",
    "attendance_update",
    "evaluation_delete",
    "evaluation_save",
    "placement_activate",
    "placement_complete",
    "placement_create",
    "placement_log_create",
    "placement_log_delete",
    "placement_log_update",
    "placement_set_hired",
    "placement_terminate",
    "placement_update",
    "plan_create",
    "plan_default",
    "plan_delete",
    "plan_update",
    "position_close",
    "position_create",
    "position_delete",
    "position_update",
    "student_create",
    "student_delete",
    "student_update",
]

"""Every write to partnerships goes through a function here.

One module per area: enterprises (with their contacts, departments and majors),
agreements, reviews, documents, workstations and the daily roll. Every service
is re-exported here, so ``from partnerships import services`` and
``from partnerships.services import agreement_create`` keep working.
"""

from .agreements import (
    AGREEMENT_FIELDS,
    LOCKED_WHEN_ACTIVE,
    REVIEW_LEAD_DAYS,
    Status,
    agreement_activate,
    agreement_create,
    agreement_delete,
    agreement_expire_due,
    agreement_next_number,
    agreement_renew,
    agreement_sync_depth,
    agreement_terminate,
    agreement_update,
    anniversary,
    review_due_dates,
)
from .documents import (
    DOCUMENT_TYPES,
    document_check,
    document_delete,
    document_upload,
)
from .enterprises import (
    ENTERPRISE_FIELDS,
    department_create,
    enterprise_contact_save,
    enterprise_create,
    enterprise_update,
    major_create,
)
from .reviews import (
    ReviewStatus,
    review_approve,
    review_create_pending,
    review_save_and_submit,
    review_submit,
    review_update,
)
from .roll import (
    statuses_roll,
)
from .vettings import (
    VETTING_FIELDS,
    vetting_create,
    vetting_default_expiry,
    vetting_delete,
    vetting_publish,
    vetting_update,
)
from .workstations import (
    WORKSTATION_FIELDS,
    workstation_create,
    workstation_update,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "DOCUMENT_TYPES",
    "ENTERPRISE_FIELDS",
    "LOCKED_WHEN_ACTIVE",
    "REVIEW_LEAD_DAYS",
    "ReviewStatus",
    "Status",
    "VETTING_FIELDS",
    "WORKSTATION_FIELDS",
    "agreement_activate",
    "agreement_create",
    "agreement_delete",
    "agreement_expire_due",
    "agreement_next_number",
    "agreement_renew",
    "agreement_sync_depth",
    "agreement_terminate",
    "agreement_update",
    "anniversary",
    "department_create",
    "document_check",
    "document_delete",
    "document_upload",
    "enterprise_contact_save",
    "enterprise_create",
    "enterprise_update",
    "major_create",
    "review_approve",
    "review_create_pending",
    "review_due_dates",
    "review_save_and_submit",
    "review_submit",
    "review_update",
    "statuses_roll",
    "vetting_create",
    "vetting_default_expiry",
    "vetting_delete",
    "vetting_publish",
    "vetting_update",
    "workstation_create",
    "workstation_update",
]

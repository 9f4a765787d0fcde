"""Which clauses each panels field evidences (see compliance/registry.py and compliance/catalogue/).

Names, links to the meeting or household a row belongs to, file names and free-text notes are
`not_evidence`; the panel's reasons, dissent and feedback are evidence because the clauses ask
for those written records. `manage.py check` fails if a field is missing from both lists.
"""

from compliance.registry import tag_fields
from panels.models import (
    AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember, PanelMinutes, PanelPaper,
)

# Terms of approval: recommended by panel (reg 25), decided and notified (reg 27), on the register (reg 31).
RECOMMENDED_TERMS = ["fsr2011:r25", "fsr2011:r27"]
DECIDED_TERMS = ["fsr2011:r27", "fsr2011:r31"]
TERMS_FIELDS = ("approval_category", "approved_places", "age_range_min", "age_range_max", "placement_types")

tag_fields(
    PanelMember,
    fields={
        "role": ["fsr2011:r23", "nms2011:14.8"],
        "is_independent": ["fsr2011:r23"],
        # Reg 23: the list includes a social worker with 3+ years' PQE; reg 24 needs one at each panel.
        "pqe_years": ["fsr2011:r23", "fsr2011:r24"],
        "joined_date": ["fsr2011:r23", "nms2011:14.1"],
        "left_date": ["fsr2011:r23"],
        # Vetting before first sitting (CR-PN-003).
        "dbs_date": ["nms2011:19.2", "nms2011:19.3"],
        "references_received_date": ["nms2011:19.1", "nms2011:19.3"],
        # A skilled central list (NMS 14.8): induction, yearly review and training (CR-PN-004).
        "induction_date": ["nms2011:14.8"],
        "annual_review_date": ["nms2011:14", "nms2011:14.8"],
        "last_training_date": ["nms2011:14.8"],
    },
    not_evidence=["first_name", "last_name", "user", "staff_member", "notes"],
)

tag_fields(
    PanelMeeting,
    fields={
        "date": ["fsr2011:r24", "fsr2011:r25"],
        "is_joint": ["fsr2011:r23", "fsr2011:r24"],
        "joint_with": ["fsr2011:r23"],
        "papers_sent_date": ["nms2011:14.3"],
        "attendees": ["fsr2011:r23", "fsr2011:r24"],
    },
)

tag_fields(
    PanelAttendance,
    fields={
        "member": ["fsr2011:r23", "fsr2011:r24"],
    },
    not_evidence=["meeting"],
)

tag_fields(
    PanelMinutes,
    fields={
        "drafted_date": ["fsr2011:r24", "nms2011:14.7"],
        "signed_by_chair_date": ["fsr2011:r24", "nms2011:14.7"],
        "sent_to_adm_date": ["nms2011:14.9"],
        "file": ["fsr2011:r24", "nms2011:14.7"],
    },
    not_evidence=["meeting", "original_filename"],
)

tag_fields(
    AgendaItem,
    fields={
        "kind": ["fsr2011:r25", "fsr2011:r28"],
        "carers_attended": ["nms2011:14.5"],
        "recommendation": ["fsr2011:r24", "fsr2011:r25"],
        "recommendation_reasons": ["fsr2011:r24", "nms2011:14.7"],
        "dissent": ["fsr2011:r24", "nms2011:14.7"],
        "report_feedback": ["nms2011:14.2"],
        **{name: RECOMMENDED_TERMS for name in TERMS_FIELDS},
    },
    not_evidence=["meeting", "household", "description"],
)

tag_fields(
    PanelPaper,
    fields={
        "kind": ["fsr2011:r25", "nms2011:14.3"],
        "file": ["fsr2011:r25", "nms2011:14.3"],
    },
    not_evidence=["item", "title", "original_filename", "size_bytes"],
)

tag_fields(
    AgencyDecision,
    fields={
        "decision": ["fsr2011:r27", "fsr2011:r28", "nms2011:14.9"],
        "reasons": ["fsr2011:r27", "fsr2011:r28"],
        "decision_date": ["nms2011:14.9", "fsr2011:r27", "fsr2011:r28"],
        "decided_by": ["fsr2011:r27", "nms2011:23.x-adm"],
        **{name: DECIDED_TERMS for name in TERMS_FIELDS},
        "carer_agrees_to_terms": ["fsr2011:r28"],
        "oral_notice_date": ["nms2011:14.x-notify"],
        "written_notice_date": ["nms2011:14.x-notify", "fsr2011:r27", "fsr2011:r28"],
        "irm_notified_date": ["fsr2011:r29"],
        "irm_papers_sent_date": ["fsr2011:r29"],
    },
    not_evidence=["item"],
)

"""Every write of the performance app with rules: UI, API, imports, jobs and the demo call these."""

from .cascade import (
    CascadeReport,
    plan_transfer,
    plans_apply_transfers,
    plans_needing_transfer,
    result_collaborate,
    result_collaboration_remove,
    result_set_parent,
    results_cascade,
)
from .coaching import (
    coaching_feedback_submit,
    coaching_session_create,
    coaching_session_update,
    competency_ratings_set,
)
from .goals import (
    goal_create,
    goal_indicator_create,
    goal_indicator_update,
    goal_update,
    validate_data_source,
)
from .headers import header_for, headers_for
from .library import indicator_template_create, indicator_template_update
from .monitoring import WarningReport, early_warning_run
from .notifications import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
    send_notification_emails,
)
from .plans import (
    behaviour_expectation_set,
    indicator_add,
    indicator_add_from_template,
    indicator_delete,
    indicator_update,
    plan_create,
    plan_header_refresh,
    plan_update,
    result_add,
    result_delete,
    result_update,
)
from .progress import progress_refresh
from .realisations import (
    FillReport,
    evidence_add,
    evidence_delete,
    realisation_feedback_add,
    realisation_record,
    realisations_fill_from_sources,
)
from .versions import diff_snapshots, plan_snapshot
from .workflow import (
    plan_approve,
    plan_comment_add,
    plan_comment_resolve,
    plan_completeness_errors,
    plan_return,
    plan_revise,
    plan_submit,
    plan_withdraw,
)
from .years import performance_year_create, performance_year_transition, performance_year_update

__all__ = [
    "CascadeReport",
    "FillReport",
    "WarningReport",
    "behaviour_expectation_set",
    "coaching_feedback_submit",
    "coaching_session_create",
    "coaching_session_update",
    "competency_ratings_set",
    "diff_snapshots",
    "early_warning_run",
    "evidence_add",
    "evidence_delete",
    "goal_create",
    "goal_indicator_create",
    "goal_indicator_update",
    "goal_update",
    "header_for",
    "headers_for",
    "indicator_add",
    "indicator_add_from_template",
    "indicator_delete",
    "indicator_template_create",
    "indicator_template_update",
    "indicator_update",
    "notification_mark_read",
    "notifications_mark_all_read",
    "notify",
    "performance_year_create",
    "performance_year_transition",
    "performance_year_update",
    "plan_approve",
    "plan_comment_add",
    "plan_comment_resolve",
    "plan_completeness_errors",
    "plan_create",
    "plan_header_refresh",
    "plan_return",
    "plan_revise",
    "plan_snapshot",
    "plan_submit",
    "plan_transfer",
    "plan_update",
    "plan_withdraw",
    "plans_apply_transfers",
    "plans_needing_transfer",
    "progress_refresh",
    "realisation_feedback_add",
    "realisation_record",
    "realisations_fill_from_sources",
    "result_add",
    "result_collaborate",
    "result_collaboration_remove",
    "result_delete",
    "result_set_parent",
    "result_update",
    "results_cascade",
    "send_notification_emails",
    "validate_data_source",
]

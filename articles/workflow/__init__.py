"""
Every change to a story's publishing state.

The admin, bulk actions, management commands and the API call these
functions and nothing else changes ``status``, ``first_published_at`` or
``updated_at``. Each one locks the story's row, checks the state and the
user's permission, changes the fields, saves them with ``update_fields`` and
records an ``ArticleTransition``, all in one transaction. A refusal raises
``ValidationError`` with a ``code`` and changes nothing.

The functions live in ``transitions`` (the state machine), ``trash`` and
``scheduling``; import them from here.
"""

from .scheduling import (  # noqa: F401
    apply_due,
    apply_next_due,
    article_cancel_schedule,
    article_clear_expiry,
    article_reschedule,
    article_set_expiry,
    local_time_label,
    next_due_at,
    revision_cancel,
    revision_is_stale,
    revision_reschedule,
    revision_schedule,
    revision_schedule_edit,
)
from .transitions import (  # noqa: F401
    TRANSITIONS,
    Status,
    article_edit_saved,
    article_publish,
    article_record_update,
    article_return,
    article_schedule,
    article_submit,
    article_unpublish,
    can_edit,
    can_publish,
    is_author,
)
from .trash import (  # noqa: F401
    article_restore_from_trash,
    article_trash,
    can_trash,
)

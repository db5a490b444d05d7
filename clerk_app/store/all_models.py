"""Import every module that defines tables, so Base.metadata is complete (for Alembic)."""

from clerk_app.store import (
    enquiry_models,  # noqa: F401
    models,  # noqa: F401
    staff_models,  # noqa: F401
    sync_models,  # noqa: F401
    window_models,  # noqa: F401
)

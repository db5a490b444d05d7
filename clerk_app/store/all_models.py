"""Import every module that defines tables, so Base.metadata is complete (for Alembic)."""

from clerk_app.store import models  # noqa: F401
from clerk_app.store import staff_models  # noqa: F401

"""The catalogue as the UI and the commands reach it: loading, checking, its JSON and schema.

The layers contract lets only services import the catalogue loader; this module is the door.
"""

from __future__ import annotations

from clerk_app.catalog.active import catalogue_to_json, has_saved_versions
from clerk_app.catalog.loader import CatalogInvalid, catalogue_json_schema, load_catalogue

__all__ = ["CatalogInvalid", "catalogue_json_schema", "catalogue_to_json", "has_saved_versions", "load_catalogue"]

"""The window-side appliers of the pulled streams (catalogue, roster, calendar, decisions).

Each module turns one stream row into a change of the window's store, through the
services; only :mod:`clerk_app.sync.appliers` calls them.
"""

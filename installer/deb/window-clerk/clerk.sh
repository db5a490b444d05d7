#!/bin/sh
# Window Clerk: the window app with no arguments, `clerk --help` for the subcommands.
exec /opt/window-clerk/clerk "$@"

"""The intake wizard: a Qt host for the UI-neutral :class:`clerk_app.intake.flow.IntakeFlow`."""

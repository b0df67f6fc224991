class ReportBuildError(Exception):
    """A report cannot be built; the message is Russian and can be shown to the user as is."""

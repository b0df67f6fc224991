"""The one exception type the parser lets out."""


class RoadmapParseError(Exception):
    """The document cannot be read as a roadmap; ``message`` is Russian and shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

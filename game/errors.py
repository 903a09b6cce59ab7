"""The one root error for problems a person caused and can fix (a bad option, an unwritable path).

Its message is written for people and shown without a traceback.
"""


class UserError(Exception):
    """A mistake in what the user asked for; str(error) says what to do instead."""
